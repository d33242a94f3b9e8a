/// A compiled regular expression: instructions for the Pike VM.
struct Program: Sendable {
    enum Opcode: UInt8, Sendable {
        case fail
        case match
        /// Consume one rune in `classes[argument]`.
        case rune
        /// Consume one rune equal to `argument`.
        case singleRune
        case anyRune
        case anyRuneExceptNewline
        /// Continue at `next` (preferred) and at `argument`.
        case split
        case nop
        /// Record the position in capture slot `argument`.
        case save
        /// Continue only if the assertions in `argument` hold.
        case assert
    }

    struct Instruction: Sendable {
        var opcode: Opcode
        var next: Int32 = -1
        var argument: Int32 = 0
    }

    /// A character class with an ASCII bitmap for the common case.
    struct CompiledClass: Sendable {
        let runeClass: RuneClass
        let asciiLow: UInt64
        let asciiHigh: UInt64

        init(_ runeClass: RuneClass) {
            self.runeClass = runeClass
            var low: UInt64 = 0, high: UInt64 = 0
            for rune in 0..<UInt32(128) where runeClass.contains(rune) {
                if rune < 64 { low |= 1 << UInt64(rune) } else { high |= 1 << UInt64(rune - 64) }
            }
            asciiLow = low
            asciiHigh = high
        }

        @inline(__always)
        func contains(_ rune: Int32) -> Bool {
            if rune < 0 { return false }
            if rune < 64 { return asciiLow & (1 << UInt64(rune)) != 0 }
            if rune < 128 { return asciiHigh & (1 << UInt64(rune - 64)) != 0 }
            return runeClass.contains(UInt32(rune))
        }
    }

    var instructions: [Instruction] = []
    var classes: [CompiledClass] = []
    var start: Int32 = 0
    /// Number of capture slots: 2 × (groups + 1).
    var slotCount: Int = 2
    /// The match can only start at the beginning of the text (`^`, `\A`).
    var anchoredAtStart = false
    /// Bytes every match starts with (a literal prefix without case folding).
    var literalPrefix: [UInt8] = []
    /// The bytes a match can start with (a 256-bit set), when a match cannot
    /// be empty; nil when any position may start a match.
    var firstBytes: [UInt64]?

    /// The first position from `start` whose byte can start a match, or nil.
    @inline(__always)
    func nextCandidate(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let firstBytes else { return start }
        var index = start
        while index < text.count {
            let byte = text[index]
            if firstBytes[Int(byte >> 6)] & (1 << UInt64(byte & 63)) != 0 { return index }
            index += 1
        }
        return nil
    }
}
