import Testing
import _RudderTestSupport
@testable import RudderChart

/// Splitting and ordering against plain, byte-by-byte statements of Helm's
/// rules (`releaseutil.SplitManifests`, `SortManifests`' stable kind order).
@Suite struct ManifestSorterTests {
    @Test func splitMatchesTheReference() {
        let parts = ["\n", "-", "--", "---", " ", "\t", "\r", "a", "kind: A", "é", "#", "\n---\n", "\n--- x", "\n\n"]
        var random = SplitMix64(seed: 0x5B1_7D0C)
        for round in 0..<3000 {
            var text = ""
            for _ in 0..<(round % 40) { text += parts[Int(random.next() % UInt64(parts.count))] }
            #expect(ManifestSorter.split(text) == ManifestSplitTests.referenceSplit(text), "\(String(reflecting: text))")
        }
        // Separators at every distance from an eight-byte boundary, and long lines.
        for width in 0..<24 {
            let line = String(repeating: "x", count: width)
            for text in [line + "\n---\n" + line, "\n" + line + "\n---", line + "\n---" + line + "\n--", "---" + line] {
                #expect(ManifestSorter.split(text) == ManifestSplitTests.referenceSplit(text), "\(String(reflecting: text))")
            }
        }
        // The blanks after a separator belong to it: a `---` right after them starts no new document.
        #expect(ManifestSorter.split("a\n---\nb\n---\n\n---\nc") == ["a", "b", "---\nc"])
    }

    @Test func filesAreOrderedByPathBytes() {
        let names = ["t/a.yaml", "t/b.yaml", "t/a", "t/B.yaml", "t/é.yaml", "t/e.yaml", "", "t", "t/a.yaml.x", "u/a", "t/_h.tpl"]
        var random = SplitMix64(seed: 0x9A7)
        for round in 0..<300 {
            var files: [(path: String, content: String)] = []
            for index in 0..<(round % 14) {
                files.append((names[Int(random.next() % UInt64(names.count))], String(index)))
            }
            let expected = files.indices.sorted { l, r in
                let a = Array(files[l].path.utf8)
                let b = Array(files[r].path.utf8)
                return a == b ? l < r : a.lexicographicallyPrecedes(b)
            }
            #expect(ManifestSorter.pathOrder(files) == expected, "\(files.map(\.path))")
        }
    }

    @Test func partialsAreFilesWhoseNameStartsWithAnUnderscore() {
        let cases: [(String, Bool)] = [
            ("c/templates/_helpers.tpl", true), ("c/templates/a_b.yaml", false), ("_x", true), ("x", false), ("", false),
            ("c/templates/", false), ("/_", true), ("c/_dir/file.yaml", false), ("c/dir/_", true), ("é/_é", true),
        ]
        for (path, partial) in cases {
            #expect(ManifestSorter.baseNameIsPartial(path) == partial, "\(path)")
        }
        // A blank file holds no document (sorting skips it).
        #expect(ManifestSorter.split(" \n\t\n  ").isEmpty)
    }

    @Test func kindOrderIsStableAndPutsUnknownKindsLast() {
        let kinds = ["Deployment", "Zeta", "Service", "", "Alpha", "Service", "Namespace", "alpha", "Zeta", "Ä", "Deployment"]
        var random = SplitMix64(seed: 0x50_47)
        for round in 0..<500 {
            let items = (0..<(round % 12)).map { index in (kind: kinds[Int(random.next() % UInt64(kinds.count))], index: index) }
            let sorted = ManifestSorter.stableSortByKind(items) { $0.kind }
            // The reference: Helm's order of known kinds, then unknown kinds by bytes, ties by position.
            func key(_ item: (kind: String, index: Int)) -> (Int, [UInt8], Int) {
                let rank = ManifestSorter.installOrder.firstIndex(of: item.kind) ?? ManifestSorter.installOrder.count
                return (rank, rank == ManifestSorter.installOrder.count ? Array(item.kind.utf8) : [], item.index)
            }
            let expected = items.sorted { l, r in
                let a = key(l)
                let b = key(r)
                if a.0 != b.0 { return a.0 < b.0 }
                if a.1 != b.1 { return a.1.lexicographicallyPrecedes(b.1) }
                return a.2 < b.2
            }
            #expect(sorted.map(\.index) == expected.map(\.index), "\(items)")
        }
    }
}
