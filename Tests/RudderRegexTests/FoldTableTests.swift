@testable import RudderRegex
import Testing

/// The ASCII shortcut of case folding must agree with the full fold table.
@Suite struct FoldTableTests {
    @Test func asciiOrbitsMatchTheFoldTable() {
        let table = UnicodeTables.folding
        for rune in UInt32(0)..<0x80 {
            let expected = table.orbitNumber(of: rune).map { Array(table.orbit($0)) } ?? [rune]
            #expect(UnicodeTables.asciiOrbit(rune) == expected, "rune \(rune)")
            #expect(UnicodeTables.orbit(of: rune) == expected, "rune \(rune)")
            let next = expected.first(where: { $0 > rune }) ?? expected.first ?? rune
            #expect(UnicodeTables.simpleFold(rune) == next, "rune \(rune)")
        }
        // Runes outside ASCII still come from the table.
        #expect(UnicodeTables.orbit(of: 0x212A) == [0x4B, 0x6B, 0x212A])
        #expect(UnicodeTables.simpleFold(0x17F) == 0x53)
    }
}
