#if canImport(Glibc)
import Glibc
#endif
import RudderCore
import Testing
import _RudderTestSupport

@testable import RudderChart

/// Hostile archives through the commands that open them (show, repo index,
/// template's loader): each is refused with an error naming the problem,
/// after reading no more than the loader's limits allow.
@Suite struct PackageHostileArchiveTests {
    /// A raw ustar header (any type, name and link), for archives the writer would never make.
    static func header(_ name: String, type: Character = "0", size: Int = 0, link: String = "") -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, _ offset: Int, _ width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, _ offset: Int, _ width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, offset, width)
        }
        put(name, 0, 100)
        octal(0o644, 100, 8); octal(0, 108, 8); octal(0, 116, 8); octal(size, 124, 12); octal(0, 136, 12)
        block[156] = type.asciiValue ?? 0
        put(link, 157, 100)
        put("ustar\u{0}00", 257, 8)
        for index in 148..<156 { block[index] = 0x20 }
        octal(block.reduce(0) { $0 + Int($1) }, 148, 7)
        return block
    }

    static func file(_ name: String, _ text: String) -> [UInt8] {
        let data = Array(text.utf8)
        return header(name, size: data.count) + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    static let chartYAML = file("evil/Chart.yaml", "apiVersion: v2\nname: evil\nversion: 1.0.0\n")

    static func gzip(_ tar: [UInt8]) -> [UInt8] { HelmGzip.compress(tar, level: 1) ?? [] }

    static func expectRefused(_ archive: [UInt8], _ fragment: String) {
        do {
            _ = try ChartLoader.loadArchive(archive)
            Issue.record("archive was accepted; expected an error containing \(fragment)")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test func pathTraversalIsRefused() {
        Self.expectRefused(Self.gzip(Self.chartYAML + Self.file("evil/../../etc/cron.d/x", "boom") + [UInt8](repeating: 0, count: 1024)),
                           "chart illegally references parent directory")
    }

    @Test func absolutePathIsRefused() {
        Self.expectRefused(Self.gzip(Self.chartYAML + Self.file("evil//etc/passwd", "root") + [UInt8](repeating: 0, count: 1024)),
                           "chart illegally contains absolute paths")
    }

    @Test func symbolicLinkEntriesAreRefused() {
        Self.expectRefused(Self.gzip(Self.chartYAML + Self.header("evil/templates/x.yaml", type: "2", link: "/etc/shadow")
                                     + [UInt8](repeating: 0, count: 1024)),
                           "links are not allowed in charts")
        Self.expectRefused(Self.gzip(Self.chartYAML + Self.header("evil/values.yaml", type: "1", link: "evil/Chart.yaml")
                                     + [UInt8](repeating: 0, count: 1024)),
                           "links are not allowed in charts")
    }

    /// 1 GiB of zeros behind one header, as concatenated gzip members (about 1 MB on disk).
    @Test func decompressionBombOfOneFileIsRefusedAtItsHeader() {
        let gigabyte = 1 << 30
        var archive = Self.gzip(Self.chartYAML + Self.header("evil/templates/bomb.yaml", size: gigabyte))
        let megabyteOfZeros = Self.gzip([UInt8](repeating: 0, count: 1 << 20))
        for _ in 0..<1024 { archive += megabyteOfZeros }
        #expect(archive.count < 8 << 20)
        Self.expectRefused(archive, "is larger than the maximum")
    }

    /// 1 GiB in 4 MiB files, each under the per-file limit: refused once the 100 MiB chart limit is passed.
    @Test func decompressionBombOfManyFilesIsRefusedAtTheChartLimit() {
        var archive = Self.gzip(Self.chartYAML)
        let size = 4 << 20
        let zeros = Self.gzip([UInt8](repeating: 0, count: size))
        for index in 0..<256 {
            // The stream continues across gzip members: a header, then its data.
            archive += Self.gzip(Self.header("evil/files/part\(index).bin", size: size)) + zeros
        }
        Self.expectRefused(archive, "decompressed chart is larger than the maximum size")
    }

    @Test func oneHundredThousandEntriesAreRefused() {
        let empty = Self.header("evil/files/empty.txt")
        var tar = Self.chartYAML
        tar.reserveCapacity(100_001 * 512 + 1024)
        for _ in 0..<100_000 { tar += empty }
        tar += [UInt8](repeating: 0, count: 1024)
        Self.expectRefused(Self.gzip(tar), "more than 10000 entries")
    }

    @Test func symbolicLinkOutOfTheChartIsNotPackaged() throws {
        let root = "/tmp/rudder-symlink-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(root) }
        try FileSystem.writeAtomically(root + "/secret.txt", Array("secret\n".utf8))
        try FileSystem.writeAtomically(root + "/chart/Chart.yaml", Array("apiVersion: v2\nname: chart\nversion: 1.0.0\n".utf8))
        try FileSystem.createDirectory(root + "/chart/files")
        #expect(symlink(root + "/secret.txt", root + "/chart/files/leak.txt") == 0)
        do {
            _ = try ChartPackager.package(chartPath: root + "/chart", options: PackageOptions(destination: root + "/out"))
            Issue.record("a chart with a link out of it was packaged")
        } catch {
            #expect(error.message.contains("outside the chart directory"), "\(error.message)")
        }
        #expect(!FileSystem.exists(root + "/out/chart-1.0.0.tgz"))
    }

    @Test func showRefusesHostileArchiveFiles() throws {
        let root = "/tmp/rudder-hostile-show-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(root) }
        let archives: [(String, [UInt8], String)] = [
            ("traversal.tgz", Self.gzip(Self.chartYAML + Self.file("evil/../../x", "boom") + [UInt8](repeating: 0, count: 1024)),
             "parent directory"),
            ("link.tgz", Self.gzip(Self.chartYAML + Self.header("evil/README.md", type: "2", link: "/etc/passwd")
                                   + [UInt8](repeating: 0, count: 1024)), "links are not allowed"),
            ("truncated.tgz", Array(Self.gzip(Self.chartYAML + Self.file("evil/values.yaml", "a: 1\n")).dropLast(9)), "unexpected EOF"),
        ]
        for (name, bytes, fragment) in archives {
            try FileSystem.writeAtomically(root + "/" + name, bytes)
            for section in ChartShow.Section.allCases {
                do {
                    _ = try ChartShow.show(section, chartPath: root + "/" + name)
                    Issue.record("\(name) was shown")
                } catch {
                    #expect(error.message.contains(fragment), "\(name): \(error.message)")
                }
            }
        }
    }

    @Test func repoIndexLeavesOutHostileArchivesAndSaysWhy() throws {
        let root = "/tmp/rudder-hostile-index-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(root) }
        let good = try ChartPackager.archive(
            ChartLoader.load(path: GoldenCases.repositoryRoot() + "/Tests/Fixtures/package/bare"), modificationTime: 0)
        try FileSystem.writeAtomically(root + "/bare-0.0.1.tgz", good)
        try FileSystem.writeAtomically(
            root + "/evil-1.0.0.tgz",
            Self.gzip(Self.chartYAML + Self.file("evil/../../x", "boom") + [UInt8](repeating: 0, count: 1024)))
        try FileSystem.writeAtomically(root + "/text.tgz", Array("hello\n".utf8))
        let result = try RepoIndexBuilder.build(directory: root, options: RepoIndexOptions(times: .fixed(Timestamp(seconds: 0))))
        #expect(result.indexed == ["bare-0.0.1-alpha.1+build.5"])
        #expect(result.skipped.map(\.path) == ["evil-1.0.0.tgz", "text.tgz"])
        #expect(result.skipped.first?.reason.contains("parent directory") == true)
        #expect(result.skipped.last?.reason.contains("does not appear to be a gzipped archive") == true)
    }
}
