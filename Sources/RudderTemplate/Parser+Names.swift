/// The names of one parse (function names, field names, variables), each made
/// into a String once: templates repeat the same few dozen names, so a name
/// seen before costs a hash of its bytes and one comparison instead of a
/// String decoding (and, for a function, resolving it in the registry).
struct NameTable {
    /// A name: where its bytes first occurred in the source, and its String.
    private struct Entry {
        var offset: Int
        var length: Int
        var name: String
        /// For function names: the name resolved (nil: not yet asked).
        var function: FunctionName?
    }

    /// Open addressing over `entries`: 0 is empty, otherwise index + 1.
    private var slots: [Int32]
    private var entries: [Entry] = []
    private var mask: Int

    init() {
        slots = [Int32](repeating: 0, count: 64)
        mask = 63
        entries.reserveCapacity(32)
    }

    /// The index of the entry for `bytes[from..<to]`, added if new.
    mutating func index(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        var slot = NameTable.hash(bytes, from: from, to: to) & mask
        let length = to - from
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { break }
            if entries[stored - 1].length == length && NameTable.equal(bytes, entries[stored - 1].offset, from, length) {
                return stored - 1
            }
            slot = (slot + 1) & mask
        }
        entries.append(Entry(offset: from, length: length, name: String(decoding: bytes[from..<to], as: UTF8.self)))
        slots[slot] = Int32(truncatingIfNeeded: entries.count)
        if entries.count * 2 > slots.count { grow(bytes) }
        return entries.count - 1
    }

    func name(_ index: Int) -> String { entries[index].name }

    /// The name at `index` resolved as a function name, once per name.
    mutating func function(_ index: Int, _ functions: FunctionRegistry) -> FunctionName {
        if let known = entries[index].function { return known }
        let function = FunctionName(entries[index].name, functions: functions)
        entries[index].function = function
        return function
    }

    /// FNV-1a of `bytes[from..<to]`, its high bits folded in.
    private static func hash(_ bytes: [UInt8], from: Int, to: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var at = from
        while at < to {
            hash = (hash ^ UInt64(bytes[at])) &* 0x0100_0000_01B3
            at += 1
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    private static func equal(_ bytes: [UInt8], _ first: Int, _ second: Int, _ length: Int) -> Bool {
        var index = 0
        while index < length {
            if bytes[first + index] != bytes[second + index] { return false }
            index += 1
        }
        return true
    }

    /// Doubles the slots and places every entry again.
    private mutating func grow(_ bytes: [UInt8]) {
        let count = slots.count * 2
        slots = [Int32](repeating: 0, count: count)
        mask = count - 1
        for index in entries.indices {
            let offset = entries[index].offset
            var slot = NameTable.hash(bytes, from: offset, to: offset + entries[index].length) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: index + 1)
        }
    }
}
