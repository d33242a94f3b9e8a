/// A set of Unicode scalar values as sorted, disjoint, non-adjacent ranges
/// stored flat: `[lo0, hi0, lo1, hi1, …]` (Go's char-class representation).
struct RuneClass: Sendable, Hashable {
    static let maxRune: UInt32 = 0x10FFFF

    private(set) var ranges: [UInt32] = []

    init() {}

    /// A class from ranges that are already clean.
    init(cleanRanges: [UInt32]) { ranges = cleanRanges }

    var isEmpty: Bool { ranges.isEmpty }
    var rangeCount: Int { ranges.count / 2 }

    /// Appends a range; call `clean()` before using the class.
    mutating func add(_ lo: UInt32, _ hi: UInt32) {
        // Extend the last range when it overlaps or abuts: keeps classes built
        // in order (the common case) small without sorting.
        let count = ranges.count
        if count >= 2 {
            let lastLo = ranges[count - 2], lastHi = ranges[count - 1]
            if lo <= lastHi &+ 1 && lastLo <= hi &+ 1 {
                ranges[count - 2] = min(lastLo, lo)
                ranges[count - 1] = max(lastHi, hi)
                return
            }
        }
        ranges.append(lo)
        ranges.append(hi)
    }

    mutating func add(_ other: RuneClass) {
        var index = 0
        while index + 1 < other.ranges.count {
            add(other.ranges[index], other.ranges[index + 1])
            index += 2
        }
    }

    /// Sorts and merges the ranges.
    mutating func clean() {
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(ranges.count / 2)
        var index = 0
        while index + 1 < ranges.count {
            pairs.append((ranges[index], ranges[index + 1]))
            index += 2
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
        var merged: [UInt32] = []
        merged.reserveCapacity(ranges.count)
        for (lo, hi) in pairs {
            if let lastHi = merged.last, lo <= lastHi &+ 1 {
                if hi > lastHi { merged[merged.count - 1] = hi }
            } else {
                merged.append(lo)
                merged.append(hi)
            }
        }
        ranges = merged
    }

    /// The complement within 0…0x10FFFF. The class must be clean.
    func negated() -> RuneClass {
        var result = RuneClass()
        var nextLo: UInt32 = 0
        var index = 0
        while index + 1 < ranges.count {
            let lo = ranges[index], hi = ranges[index + 1]
            if lo > nextLo { result.ranges.append(nextLo); result.ranges.append(lo - 1) }
            nextLo = hi &+ 1
            index += 2
        }
        if nextLo <= RuneClass.maxRune {
            result.ranges.append(nextLo)
            result.ranges.append(RuneClass.maxRune)
        }
        return result
    }

    /// Membership by binary search. The class must be clean.
    func contains(_ rune: UInt32) -> Bool {
        var low = 0, high = ranges.count / 2
        while low < high {
            let middle = (low + high) / 2
            if rune < ranges[2 * middle] {
                high = middle
            } else if rune > ranges[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// The class closed under simple case folding (Go's appendFoldedClass),
    /// cleaned.
    func caseFolded() -> RuneClass {
        var result = self
        let folding = UnicodeTables.folding
        for number in 0..<folding.orbitCount {
            let orbit = folding.orbit(number)
            guard orbit.contains(where: { contains($0) }) else { continue }
            for member in orbit { result.add(member, member) }
        }
        result.clean()
        return result
    }

    /// Parses generated table text: `41-5a 61-7a b5`.
    init(tableText: String) {
        var result = RuneClass()
        for item in tableText.utf8.split(separator: UInt8(ascii: " ")) {
            let bounds = item.split(separator: UInt8(ascii: "-"))
            guard let first = bounds.first, let lo = RuneClass.hexValue(first) else { continue }
            let hi = bounds.count > 1 ? (RuneClass.hexValue(bounds[1]) ?? lo) : lo
            result.add(lo, hi)
        }
        result.clean()
        self = result
    }

    static func hexValue<Digits: Collection>(_ digits: Digits) -> UInt32? where Digits.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            guard let nibble = hexDigit(digit) else { return nil }
            value = value << 4 | nibble
        }
        return value
    }

    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
