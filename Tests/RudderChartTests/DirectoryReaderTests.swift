import Testing
import RudderCore
@testable import RudderChart

/// Chart directories: only regular files inside the chart are read.
@Suite struct DirectoryReaderTests {
    func loadError(_ directory: String, limits: LoadLimits = .default) -> ChartError? {
        do {
            _ = try ChartLoader.load(path: directory, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func templateLinkedToEtcPasswdIsRefused() throws {
        let chart = try FileSystemHelper.chart(["templates/ok.yaml": "a: 1\n"])
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.symlink("/etc/passwd", chart + "/templates/passwd.yaml")
        let error = loadError(chart)
        #expect(error?.message == "chart file templates/passwd.yaml is a symbolic link to /etc/passwd, outside the chart directory; only files inside the chart are loaded")
        #expect(error?.file == "templates/passwd.yaml")
    }

    @Test func templateLinkedToDevZeroIsRefused() throws {
        let chart = try FileSystemHelper.chart()
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.symlink("/dev/zero", chart + "/templates-zero.yaml")
        #expect(loadError(chart)?.message.hasPrefix("chart file templates-zero.yaml is a symbolic link to /dev/zero") == true)
    }

    @Test func fifoIsRefusedAsIrregular() throws {
        let chart = try FileSystemHelper.chart()
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.fifo(chart + "/pipe")
        #expect(loadError(chart)?.message == "cannot load irregular file \(chart)/pipe as it has file mode type bits set")
    }

    @Test func ignoredIrregularFileIsSkipped() throws {
        let chart = try FileSystemHelper.chart([".helmignore": "pipe\n"])
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.fifo(chart + "/pipe")
        #expect(loadError(chart) == nil)
    }

    @Test func linkInsideTheChartIsFollowed() throws {
        let chart = try FileSystemHelper.chart(["files/real.txt": "real\n"])
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.symlink("real.txt", chart + "/files/alias.txt")
        let loaded = try ChartLoader.load(path: chart)
        #expect(loaded.files.map(\.name).sorted() == ["files/alias.txt", "files/real.txt"])
        #expect(loaded.files.first { $0.name == "files/alias.txt" }?.text == "real\n")
    }

    @Test func directoryLinkCycleIsAnError() throws {
        let chart = try FileSystemHelper.chart(["files/a.txt": "a\n"])
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.symlink("..", chart + "/files/loop")
        #expect(loadError(chart)?.message.contains("symbolic link cycle") == true)
    }

    @Test func brokenLinkIsAnErrorUnlessIgnored() throws {
        let chart = try FileSystemHelper.chart()
        defer { FileSystemHelper.remove(chart + "/..") }
        FileSystemHelper.symlink("nowhere.txt", chart + "/dangling.txt")
        // Helm: "error evaluating symlink <link>: lstat <target>: no such file or directory".
        #expect(loadError(chart)?.message == "error evaluating symlink \(chart)/dangling.txt: lstat \(chart)/nowhere.txt: no such file or directory")
        try FileSystemHelper.write(chart + "/.helmignore", Array("dangling.txt\n".utf8))
        #expect(loadError(chart) == nil)
    }

    @Test func fileOverTheFileLimitIsRefused() throws {
        let chart = try FileSystemHelper.chart(["files/big.txt": String(repeating: "x", count: 2000)])
        defer { FileSystemHelper.remove(chart + "/..") }
        let error = loadError(chart, limits: LoadLimits(maxChartSize: 10_000, maxFileSize: 1000))
        #expect(error?.message == "chart file \"big.txt\" is larger than the maximum file size 1000")
    }

    @Test func chartOverTheChartLimitIsRefused() throws {
        let chart = try FileSystemHelper.chart(["a.txt": String(repeating: "x", count: 600), "b.txt": String(repeating: "y", count: 600)])
        defer { FileSystemHelper.remove(chart + "/..") }
        let error = loadError(chart, limits: LoadLimits(maxChartSize: 1000, maxFileSize: 1000))
        #expect(error?.message == "chart is larger than the maximum size 1000 bytes (at b.txt)")
    }

    @Test func missingChartYamlIsReported() throws {
        let directory = try FileSystemHelper.temporaryDirectory()
        defer { FileSystemHelper.remove(directory) }
        #expect(loadError(directory)?.message == "unable to detect chart at \(directory)/Chart.yaml: open \(directory)/Chart.yaml: no such file or directory")
    }

    @Test func missingPathIsReported() {
        #expect(loadError("/nonexistent/chart")?.message == "path \"/nonexistent/chart\" not found")
    }

    @Test func byteOrderMarkIsDropped() throws {
        let chart = try FileSystemHelper.chart()
        defer { FileSystemHelper.remove(chart + "/..") }
        try FileSystemHelper.write(chart + "/values.yaml", [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(try ChartLoader.load(path: chart).values == ["a": .float(1)])
    }

    @Test func yamlErrorsCarryTheirPosition() throws {
        let chart = try FileSystemHelper.chart(["values.yaml": "a: 1\nb: [\n"])
        defer { FileSystemHelper.remove(chart + "/..") }
        let error = loadError(chart)
        #expect(error?.message.hasPrefix("cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line") == true)
        #expect(error?.file == "values.yaml")
        #expect(error?.position?.line == 3)
    }
}
