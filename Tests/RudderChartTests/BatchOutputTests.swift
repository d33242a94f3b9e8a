#if canImport(Glibc)
import Glibc
#endif
import RudderCore
import Testing
import _RudderTestSupport

@testable import RudderChart

/// The batch's output helpers: document counts, `<no value>` search, staging
/// paths, tree removal (never through links) and the remover thread.
@Suite struct BatchOutputTests {
    /// A plain line-by-line count of `---` lines followed by `# Source: …`.
    static func countByLines(_ text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var count = 0
        for (index, line) in lines.enumerated() where line == "---" && index + 1 < lines.count {
            if lines[index + 1].hasPrefix("# Source: ") { count += 1 }
        }
        return count
    }

    /// Counted on Helm's own output for every successful release of the batch goldens.
    @Test func documentCountMatchesALineByLineCount() {
        let outputs = BatchRenderTests.cases.compactMap { $0["stdout"] }.filter { !$0.isEmpty }
        #expect(!outputs.isEmpty)
        for output in outputs {
            #expect(BatchRenderer.countDocuments(output) == Self.countByLines(output))
            #expect(BatchRenderer.countDocuments(output) > 0)
        }
    }

    @Test(arguments: [
        ("", 0), ("---\n# Source: a", 1), ("x---\n# Source: a", 0), ("# Source: a", 0),
        ("---\n# Source: a\n---\n# Source: b\n#---\n# Source: c", 2), ("---\n# Source:", 0),
        ("a: '#'\n---\n#\n---\n# Source: x\n", 1), ("---\n# Source: a\n---\n# Source: ", 2),
    ])
    func documentCountEdges(_ text: String, _ expected: Int) {
        #expect(BatchRenderer.countDocuments(text) == expected)
        #expect(Self.countByLines(text) == expected)
    }

    @Test(arguments: [
        ("", false), ("<no value>", true), ("a: <no value", false), ("<<no value>", true),
        ("x <no valu <no value>", true), ("<no value", false), ("<", false), ("é <no value> é", true),
    ])
    func findsNoValue(_ text: String, _ expected: Bool) {
        #expect(ChartRenderer.contains(text, ChartRenderer.noValue) == expected)
        #expect(ChartRenderer.contains(text, ChartRenderer.noValue) == text.contains("<no value>"))
    }

    @Test(arguments: ["a", "a/b", "chart/templates/x.yaml", "a/b/c/d"])
    func safeOutputPaths(_ path: String) throws {
        let slash = try ReleaseFolder.checkedLastSlash(path)
        #expect(slash.map { String(path[..<$0]) } == (path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : nil))
    }

    @Test(arguments: ["", "/a", "a/", "a//b", "../a", "a/../b", "a/..", "./a", "a/./b", "."])
    func unsafeOutputPathsAreRefused(_ path: String) {
        #expect(throws: FileSystemError.self) { try ReleaseFolder.checkedLastSlash(path) }
    }

    /// Nested folders and files go; a link is removed, never followed.
    @Test func removeTreeRemovesEverythingButFollowsNoLink() throws {
        let base = try FileSystemHelper.temporaryDirectory()
        defer { FileSystem.removeTree(base) }
        let outside = base + "/outside"
        try FileSystem.createDirectory(outside)
        try FileSystemHelper.write(outside + "/keep.txt", Array("keep".utf8))
        let tree = base + "/tree"
        try FileSystem.createDirectory(tree + "/a/b/c")
        try FileSystemHelper.write(tree + "/top.txt", Array("x".utf8))
        try FileSystemHelper.write(tree + "/a/b/c/deep.txt", Array("y".utf8))
        try FileSystemHelper.write(tree + "/a/.hidden", Array("z".utf8))
        FileSystemHelper.symlink(outside, tree + "/a/link")
        FileSystemHelper.symlink(outside + "/keep.txt", tree + "/file-link")

        FileSystem.removeTree(tree)
        #expect(!FileSystem.exists(tree))
        #expect(try FileSystem.readText(outside + "/keep.txt") == "keep")

        // A link given as the path itself: the link goes, not its target.
        FileSystemHelper.symlink(outside, base + "/link")
        FileSystem.removeTree(base + "/link")
        #expect(!FileSystem.exists(base + "/link"))
        #expect(FileSystem.exists(outside + "/keep.txt"))
        // A plain file, and a missing path.
        FileSystem.removeTree(outside + "/keep.txt")
        #expect(!FileSystem.exists(outside + "/keep.txt"))
        FileSystem.removeTree(base + "/missing")
    }

    /// Everything queued is gone once `finish` returns; later folders go at once.
    @Test func removerRemovesEveryQueuedFolder() throws {
        let base = try FileSystemHelper.temporaryDirectory()
        defer { FileSystem.removeTree(base) }
        let remover = FolderRemover()
        for index in 0..<20 {
            try FileSystem.createDirectory(base + "/f\(index)/sub")
            try FileSystemHelper.write(base + "/f\(index)/sub/file.yaml", Array("a".utf8))
            remover.remove(base + "/f\(index)")
        }
        remover.finish()
        #expect(try FileSystem.list(base).isEmpty)
        try FileSystem.createDirectory(base + "/late")
        remover.remove(base + "/late")
        #expect(!FileSystem.exists(base + "/late"))
        // A remover that never got a folder finishes at once.
        FolderRemover().finish()
    }

    static func inode(_ path: String) -> UInt {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt(info.st_ino) : 0
    }

    static func render(_ releases: [BatchRelease], into out: String, _ layout: BatchOutputLayout) async -> BatchSummary {
        await BatchRenderer.run(releases, options: BatchOptions(outputDirectory: out, layout: layout)) { _, _ in }
    }

    /// A re-render whose output is the same leaves the folder as it is (same
    /// inodes); any difference (bytes, an extra file, a mode, a link) replaces it.
    @Test(arguments: BatchOutputLayout.allCases)
    func unchangedOutputIsLeftAsItIs(_ layout: BatchOutputLayout) async throws {
        let out = try FileSystemHelper.temporaryDirectory()
        defer { FileSystem.removeTree(out) }
        let releases = [
            BatchRenderTests.switchRelease("a", fail: false, namespace: "one"),
            BatchRenderTests.switchRelease("b", fail: false, namespace: "one"),
        ]
        #expect(await Self.render(releases, into: out, layout).failed == 0)
        let before = BatchRenderTests.snapshot(out)
        let file = try #require(before.keys.sorted().first { $0.hasPrefix("a/") })
        let folderInode = Self.inode(out + "/a")
        let fileInode = Self.inode(out + "/" + file)

        #expect(await Self.render(releases, into: out, layout).failed == 0)
        #expect(BatchRenderTests.snapshot(out) == before)
        #expect(Self.inode(out + "/a") == folderInode, "unchanged release a is not rewritten")
        #expect(Self.inode(out + "/" + file) == fileInode)

        // Each tampering makes the next run replace the folder with the right output.
        let tamperings: [(String, () throws -> Void)] = [
            ("same size, other bytes", {
                let text = try FileSystem.readText(out + "/" + file)
                try FileSystemHelper.write(out + "/" + file, Array(String(text.reversed()).utf8))
            }),
            ("an extra file", { try FileSystemHelper.write(out + "/a/extra.yaml", Array("x: 1".utf8)) }),
            ("another mode", { _ = chmod(out + "/" + file, 0o600) }),
            ("a link instead of the file", {
                let target = out + "/elsewhere.yaml"
                try FileSystemHelper.write(target, Array((before[file] ?? "").utf8))
                FileSystem.removeTree(out + "/" + file)
                FileSystemHelper.symlink(target, out + "/" + file)
            }),
            ("a missing file", { FileSystem.removeTree(out + "/" + file) }),
        ]
        for (what, tamper) in tamperings {
            try tamper()
            FileSystem.removeTree(out + "/elsewhere.yaml")
            let tamperedInode = Self.inode(out + "/a")
            #expect(await Self.render(releases, into: out, layout).failed == 0)
            #expect(BatchRenderTests.snapshot(out) == before, "\(what)")
            #expect(Self.inode(out + "/a") != tamperedInode, "\(what): the folder is replaced")
            var info = stat()
            #expect(lstat(out + "/" + file, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG, "\(what)")
            #expect(info.st_mode & 0o777 != 0o600, "\(what)")
        }
    }

    @Test func unchangedOutputNeedsTheSameFilesAndBytes() throws {
        let base = try FileSystemHelper.temporaryDirectory()
        defer { FileSystem.removeTree(base) }
        let check = try #require(UnchangedOutput.forThisProcess())
        try FileSystem.createDirectory(base + "/r/c/templates")
        _ = chmod(base + "/r", check.releaseFolderMode)
        try FileSystemHelper.write(base + "/r/c/templates/a.yaml", Array("a: 1\n".utf8))
        try FileSystemHelper.write(base + "/r/c/templates/b.yaml", Array("".utf8))
        _ = chmod(base + "/r/c/templates/a.yaml", check.fileMode)
        _ = chmod(base + "/r/c/templates/b.yaml", check.fileMode)
        let files = [("c/templates/a.yaml", "a: 1\n"), ("c/templates/b.yaml", "")]
        #expect(check.holds(files.map { (path: $0.0, content: $0.1) }, target: base + "/r"))
        #expect(!check.holds([(path: "c/templates/a.yaml", content: "a: 1\n")], target: base + "/r"))
        #expect(!check.holds(files.map { (path: $0.0, content: $0.1 + " ") }, target: base + "/r"))
        #expect(!check.holds([(path: "c/templates/a.yaml", content: "a: 2\n"), (path: "c/templates/b.yaml", content: "")], target: base + "/r"))
        #expect(!check.holds(files.map { (path: $0.0, content: $0.1) }, target: base + "/missing"))
        // A pipe where a file should be is refused without being opened.
        FileSystemHelper.fifo(base + "/r/c/templates/c.yaml")
        #expect(!check.holds(files.map { (path: $0.0, content: $0.1) } + [(path: "c/templates/c.yaml", content: "")], target: base + "/r"))
    }

    /// A release folder found missing at render time gets a plain rename; one
    /// that has appeared since (with entries) is still exchanged, not lost.
    @Test func swapAfterAnAbsentTargetKeepsAFolderThatAppeared() throws {
        let base = try FileSystemHelper.temporaryDirectory()
        defer { FileSystem.removeTree(base) }
        let check = try #require(UnchangedOutput.forThisProcess())
        let files = [(path: "c/templates/a.yaml", content: "a: 1\n")]
        #expect(check.compare(files, target: base + "/r") == .absent)
        let first = try ReleaseFolder.stage(files, directory: base, release: "r")
        #expect(try ReleaseFolder.swapIntoPlace(staged: first, target: base + "/r", targetWasAbsent: true) == nil)
        #expect(try FileSystem.readText(base + "/r/c/templates/a.yaml") == "a: 1\n")
        #expect(check.compare(files, target: base + "/r") == .same)
        // Told "absent", but the folder is there: the old one comes back for removal.
        let second = try ReleaseFolder.stage([(path: "c/templates/a.yaml", content: "a: 2\n")], directory: base, release: "r")
        let old = try #require(try ReleaseFolder.swapIntoPlace(staged: second, target: base + "/r", targetWasAbsent: true))
        #expect(try FileSystem.readText(base + "/r/c/templates/a.yaml") == "a: 2\n")
        #expect(try FileSystem.readText(old + "/c/templates/a.yaml") == "a: 1\n")
        #expect(check.compare(files, target: base + "/r") == .different)
    }

    @Test func refusedReleaseFolderLeavesNoDescriptorOpen() throws {
        let base = try FileSystemHelper.temporaryDirectory()
        defer { FileSystem.removeTree(base) }
        let check = try #require(UnchangedOutput.forThisProcess())
        try FileSystem.createDirectory(base + "/r")
        // Not the mode a batch gives a release folder: refused at the top.
        _ = chmod(base + "/r", check.releaseFolderMode ^ 0o070)
        func openDescriptors() -> Int { (try? FileSystem.list("/proc/self/fd").count) ?? -1 }
        let before = openDescriptors()
        for _ in 0..<200 { #expect(!check.holds([], target: base + "/r")) }
        // Other tests open files meanwhile: far fewer than 200 more means none leaked here.
        #expect(openDescriptors() - before < 50)
    }
}

/// `ManifestSorter.split` (newlines found with memchr) against a direct
/// byte-by-byte reading of Helm's separator `(?:^|\s*\n)---\s*`.
@Suite struct ManifestSplitTests {
    /// The separator's leftmost matches, scanned one byte at a time.
    static func referenceSplit(_ text: String) -> [String] {
        let all = Array(text.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B }
        var start = 0
        var end = all.count
        while start < end, isSpace(all[start]) { start += 1 }
        while end > start, isSpace(all[end - 1]) { end -= 1 }
        let bytes = Array(all[start..<end])
        var pieces: [[UInt8]] = []
        var pieceStart = 0
        var i = 0
        func dashes(_ at: Int) -> Bool { at + 3 <= bytes.count && bytes[at..<at + 3].elementsEqual("---".utf8) }
        func skip(_ from: Int) -> Int {
            var j = from
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            return j
        }
        if dashes(0) {
            i = skip(3)
            pieceStart = i
        }
        while i < bytes.count {
            // A whitespace run holding a newline right before `---` is a separator.
            if isSpace(bytes[i]) {
                var j = i
                var matched = -1
                while j < bytes.count, isSpace(bytes[j]) {
                    if bytes[j] == 0x0A, dashes(j + 1) {
                        matched = j
                        break
                    }
                    j += 1
                }
                if matched >= 0 {
                    pieces.append(Array(bytes[pieceStart..<i]))
                    i = skip(matched + 4)
                    pieceStart = i
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        pieces.append(Array(bytes[pieceStart..<bytes.count]))
        return pieces.compactMap { piece in
            var s = 0
            var e = piece.count
            while s < e, isSpace(piece[s]) { s += 1 }
            while e > s, isSpace(piece[e - 1]) { e -= 1 }
            return e > s ? String(decoding: piece[s..<e], as: UTF8.self) : nil
        }
    }

    @Test func sameDocumentsAsTheByteByByteReading() {
        let alphabet: [String] = ["a", " ", "\n", "-", "---", "\n---", "\t", "\r\n", "b: 1", "é"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var separatorsSeen = 0
        for _ in 0..<20_000 {
            var text = ""
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            for _ in 0..<Int(state % 24) {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                text += alphabet[Int(state % UInt64(alphabet.count))]
            }
            let expected = Self.referenceSplit(text)
            #expect(ManifestSorter.split(text) == expected, "\(Array(text.utf8))")
            if expected.count > 1 { separatorsSeen += 1 }
        }
        #expect(separatorsSeen > 1000)
    }

    @Test func goldenOutputsSplitAlike() {
        for output in BatchRenderTests.cases.compactMap({ $0["stdout"] }) {
            #expect(ManifestSorter.split(output) == Self.referenceSplit(output))
        }
    }
}
