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
}
