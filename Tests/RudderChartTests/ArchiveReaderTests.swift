import Testing
@testable import RudderChart

/// Hostile and broken archives, built in the test: each is refused with a
/// message that names the problem and the entry.
@Suite struct ArchiveReaderTests {
    func error(_ data: [UInt8], limits: LoadLimits = .default) -> String? {
        do {
            _ = try ArchiveReader.readFiles(data, limits: limits)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func readsAWellFormedArchive() throws {
        let data = TestTarWriter.chart { writer in
            writer.add("mychart/templates/a.yaml", Array("a: 1\n".utf8))
            writer.add("mychart/templates/", type: .directory)
            writer.add("mychart/bom.txt", [0xEF, 0xBB, 0xBF] + Array("x".utf8))
        }
        let files = try ArchiveReader.readFiles(data)
        #expect(files.map(\.name) == ["Chart.yaml", "templates/a.yaml", "bom.txt"])
        #expect(files[2].data == Array("x".utf8))
        let chart = try ChartLoader.loadArchive(data)
        #expect(chart.name == "mychart")
        #expect(chart.templates.map(\.name) == ["templates/a.yaml"])
    }

    @Test func paxAndPrefixNamesApply() throws {
        var writer = TestTarWriter()
        writer.addPax(path: "mychart/Chart.yaml", for: "short", Array("apiVersion: v2\nname: mychart\nversion: 0.1.0\n".utf8))
        writer.add("file.txt", Array("x".utf8), prefix: "mychart/deep/dir")
        let files = try ArchiveReader.readFiles(writer.gzipped)
        #expect(files.map(\.name) == ["Chart.yaml", "deep/dir/file.txt"])
    }

    @Test func parentDirectoryEntryIsRefusedAndNamed() {
        let data = TestTarWriter.chart { $0.add("mychart/../../etc/evil", Array("x".utf8)) }
        #expect(error(data) == "chart illegally references parent directory: \"mychart/../../etc/evil\"")
    }

    @Test func absolutePathIsRefused() {
        let data = TestTarWriter.chart { $0.add("mychart//etc/passwd", Array("x".utf8)) }
        #expect(error(data) == "chart illegally contains absolute paths: \"mychart//etc/passwd\"")
    }

    @Test func entryOutsideTheBaseDirectoryIsRefused() {
        let data = TestTarWriter.chart { $0.add("mychart/./", Array("x".utf8)) }
        #expect(error(data) == "chart illegally contains content outside the base directory: \"mychart/./\"")
        // A file at the top of the archive has no chart directory either (Helm checks this first).
        var writer = TestTarWriter()
        writer.add("Chart.yaml", Array("name: x\n".utf8))
        #expect(error(writer.gzipped) == "chart illegally contains content outside the base directory: \"Chart.yaml\"")
    }

    @Test func windowsDrivePathIsRefused() {
        let data = TestTarWriter.chart { $0.add("mychart\\c:\\evil.txt", Array("x".utf8)) }
        #expect(error(data) == "chart contains illegally named files: \"mychart\\\\c:\\\\evil.txt\"")
    }

    @Test func chartYamlAtTheTopIsRefused() {
        var writer = TestTarWriter()
        writer.add("Chart.yaml/values.yaml", Array("name: x\n".utf8))
        #expect(error(writer.gzipped) == "chart yaml not in base directory")
    }

    @Test(arguments: [
        (TestTarWriter.EntryType.symbolicLink, "/etc/passwd", "is a link to \"/etc/passwd\"; links are not allowed in charts"),
        (TestTarWriter.EntryType.hardLink, "mychart/Chart.yaml", "is a link to \"mychart/Chart.yaml\"; links are not allowed in charts"),
        (TestTarWriter.EntryType.characterDevice, "", "is not a regular file; special files are not allowed in charts"),
        (TestTarWriter.EntryType.fifo, "", "is not a regular file; special files are not allowed in charts"),
    ])
    func linksAndSpecialFilesAreRefused(type: TestTarWriter.EntryType, link: String, expected: String) {
        let data = TestTarWriter.chart { $0.add("mychart/templates/x.yaml", type: type, linkName: link) }
        #expect(error(data) == "chart archive entry \"mychart/templates/x.yaml\" " + expected)
    }

    @Test func defaultLimitsAreHelms() {
        #expect(LoadLimits.default.maxChartSize == 100 * 1024 * 1024)
        #expect(LoadLimits.default.maxFileSize == 5 * 1024 * 1024)
    }

    @Test func fileLargerThanTheFileLimitIsRefusedBeforeReading() {
        // The header claims 6 MiB; the data is never read (or allocated).
        let data = TestTarWriter.chart { $0.add("mychart/big.bin", [], size: 6 * 1024 * 1024) }
        #expect(error(data) == "decompressed chart file \"mychart/big.bin\" is larger than the maximum file size 5242880 bytes")
    }

    @Test func chartLargerThanTheChartLimitIsRefused() {
        let limits = LoadLimits(maxChartSize: 1000, maxFileSize: 800)
        let data = TestTarWriter.chart { writer in
            writer.add("mychart/a.bin", [UInt8](repeating: 1, count: 700))
            writer.add("mychart/b.bin", [UInt8](repeating: 2, count: 700))
        }
        #expect(error(data, limits: limits) == "decompressed chart is larger than the maximum size 1000 bytes")
    }

    @Test func decompressionBombStopsAtTheLimits() {
        // 4 MiB of zeros compress to a few kB; the limits stop them before they are read.
        var writer = TestTarWriter()
        writer.add("mychart/Chart.yaml", Array("apiVersion: v2\nname: mychart\nversion: 0.1.0\n".utf8))
        writer.add("mychart/zeros", [UInt8](repeating: 0, count: 4 * 1024 * 1024))
        let data = writer.gzipped
        #expect(data.count < 64 * 1024)
        #expect(error(data, limits: LoadLimits(maxChartSize: 1024 * 1024, maxFileSize: 8 * 1024 * 1024))
            == "decompressed chart is larger than the maximum size 1048576 bytes")
        #expect(error(data, limits: LoadLimits(maxChartSize: 8 * 1024 * 1024, maxFileSize: 512 * 1024))
            == "decompressed chart file \"mychart/zeros\" is larger than the maximum file size 524288 bytes")
    }

    @Test func headerThatUnderstatesItsDataIsAnError() {
        // The header claims 1 byte; the rest of the data is then read as a header.
        let data = TestTarWriter.chart { $0.add("mychart/liar", [UInt8](repeating: 0x41, count: 2048), size: 1) }
        #expect(error(data) == "archive/tar: invalid tar header")
    }

    @Test func notGzipIsAnError() {
        #expect(error(Array("apiVersion: v2\n".utf8)) == "gzip: invalid header")
    }

    @Test func truncatedArchiveIsAnError() {
        let data = TestTarWriter.chart { $0.add("mychart/a.txt", [UInt8](repeating: 7, count: 5000)) }
        let message = error(Array(data.prefix(data.count / 2)))
        #expect(message == "unexpected EOF")
    }

    @Test func corruptChecksumIsAnError() {
        var writer = TestTarWriter()
        writer.add("mychart/Chart.yaml", Array("name: x\n".utf8), corruptChecksum: true)
        #expect(error(writer.gzipped) == "archive/tar: invalid tar header")
    }

    @Test func emptyArchiveIsAnError() {
        #expect(error(TestTarWriter().gzipped) == "no files in chart archive")
    }

    @Test func loadingAFileThatIsNotAnArchiveSaysSo() throws {
        let path = "/tmp/rudder-loader-test-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try FileSystemHelper.write(path, Array("a: 1\n".utf8))
        defer { FileSystemHelper.remove(path) }
        #expect(throws: ChartError.self) { try ChartLoader.load(path: path) }
        do {
            _ = try ChartLoader.load(path: path)
        } catch {
            #expect(error.message == "file '\(path)' seems to be a YAML file, but expected a gzipped archive")
        }
    }

    @Test func subchartArchiveInsideAnArchiveLoads() throws {
        var inner = TestTarWriter()
        inner.add("sub/Chart.yaml", Array("apiVersion: v2\nname: sub\nversion: 1.0.0\n".utf8))
        let data = TestTarWriter.chart { $0.add("mychart/charts/sub-1.0.0.tgz", inner.gzipped) }
        let chart = try ChartLoader.loadArchive(data)
        #expect(chart.dependencies.map(\.name) == ["sub"])
        #expect(chart.dependencies.first?.path == "mychart/charts/sub")
    }

    @Test func brokenSubchartArchiveNamesTheSubchart() {
        let data = TestTarWriter.chart { $0.add("mychart/charts/sub-1.0.0.tgz", Array("garbage".utf8)) }
        do {
            _ = try ChartLoader.loadArchive(data)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "error unpacking subchart sub-1.0.0.tgz in mychart: gzip: invalid header")
        }
    }
}
