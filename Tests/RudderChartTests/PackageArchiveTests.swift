import RudderFunctions
import RudderCore
import Testing
import _RudderTestSupport

@testable import RudderChart

/// Rudder's archives against Helm's (Tests/Golden/package/package.cases, made by
/// scripts/package-goldens.py): same entries in the same order with the same
/// headers and contents, Helm's gzip header, and the digest recorded when the
/// goldens were made, so the bytes do not depend on when or where packaging runs.
@Suite struct PackageArchiveTests {
    static let cases: [GoldenCase] = ((try? GoldenCases.load("package/package.cases")) ?? []).filter { $0["helm-entries"] != nil }
    static let fixtures = GoldenCases.repositoryRoot() + "/Tests/Fixtures/package"

    @Test func casesAreLoaded() { #expect(Self.cases.count >= 4) }

    static func packaged(_ name: String, time: Int64 = 1_700_000_000) throws -> [UInt8] {
        try ChartPackager.archive(ChartLoader.load(path: fixtures + "/" + name), modificationTime: time)
    }

    static func packaged(_ golden: GoldenCase) throws -> [UInt8] {
        let path = GoldenCases.repositoryRoot() + "/" + (golden["path"] ?? "")
        return try ChartPackager.archive(ChartLoader.load(path: path), modificationTime: 1_700_000_000)
    }

    @Test(arguments: cases)
    func entriesMatchHelm(_ golden: GoldenCase) throws {
        let archive = try Self.packaged(golden)
        let entries = try TarListing.entries(archive)
        let listing = entries.map { "\($0.name) \(String($0.mode, radix: 8)) 0 0 \($0.data.count) 0" }
        let helm = (golden["helm-entries"] ?? "").split(separator: "\n").map(String.init)
        // Helm writes subcharts in Go's random map order; Rudder sorts them by name.
        // Within the chart and within each subchart the order must be Helm's.
        #expect(Self.grouped(listing) == Self.grouped(helm))
        var subcharts: [String] = []
        for line in listing where line.contains("/charts/") {
            let name = line.split(separator: "/")[2]
            if subcharts.last != String(name) { subcharts.append(String(name)) }
        }
        #expect(subcharts == subcharts.sorted())
        #expect(entries.first.map { String(decoding: $0.data, as: UTF8.self) } == golden["helm-chart-yaml"])
        #expect(entries.allSatisfy { $0.modificationTime == 1_700_000_000 && $0.uid == 0 && $0.gid == 0 && $0.type == UInt8(ascii: "0") })
    }

    /// Entries grouped by the first subchart they belong to (`""` for the chart's own), groups by name.
    static func grouped(_ lines: [String]) -> [String] {
        var groups: [String: [String]] = [:]
        for line in lines {
            let parts = line.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            let key = parts.count > 3 && parts[1] == "charts" ? String(parts[2]) : ""
            groups[key, default: []].append(line)
        }
        return groups.keys.sorted().map { key in ([key] + (groups[key] ?? [])).joined(separator: "\n") }
    }

    @Test(arguments: cases)
    func gzipHeaderIsHelms(_ golden: GoldenCase) throws {
        let archive = try Self.packaged(golden)
        let header = golden["helm-gzip-header"] ?? ""
        let prefix = archive.prefix(header.count / 2).map { byte in
            (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        #expect(prefix == header)
    }

    @Test(arguments: cases)
    func digestIsTheOneRecorded(_ golden: GoldenCase) throws {
        #expect(Digest.sha256Hex(try Self.packaged(golden)) == golden["rudder-sha256"])
    }

    @Test func packagingIsReproducibleAcrossCopiesAndTimes() throws {
        let copy = "/tmp/rudder-package-copy-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(copy) }
        try TreeCopy.copy(Self.fixtures + "/full", to: copy + "/full", modificationTime: 1_000_000)
        let original = try Self.packaged("full", time: 0)
        let copied = try ChartPackager.archive(ChartLoader.load(path: copy + "/full"), modificationTime: 0)
        #expect(original == copied)
        try TreeCopy.touchAll(copy + "/full", modificationTime: 2_000_000_000)
        #expect(try ChartPackager.archive(ChartLoader.load(path: copy + "/full"), modificationTime: 0) == original)
        // A different stamp gives different bytes: the time does go into the archive.
        #expect(try Self.packaged("full", time: 1) != original)
    }

    @Test func archivesReadBackThroughTheSafeReader() throws {
        let archive = try Self.packaged("full")
        let chart = try ChartLoader.loadArchive(archive)
        let source = try ChartLoader.load(path: Self.fixtures + "/full")
        #expect(chart.metadata == source.metadata)
        #expect(chart.templates == source.templates)
        #expect(chart.files.map(\.name) == source.files.map(\.name))
        #expect(chart.dependencies.map(\.name) == source.dependencies.map(\.name))
    }

    @Test func packageWritesNameVersionArchive() throws {
        let out = "/tmp/rudder-package-out-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(out) }
        var options = PackageOptions(destination: out, version: "2.0.0", appVersion: "x")
        options.modificationTime = 5
        let result = try ChartPackager.package(chartPath: Self.fixtures + "/bare", options: options)
        #expect(result.path == out + "/bare-2.0.0.tgz")
        #expect(try FileSystem.read(result.path) == result.archive)
        let chart = try ChartLoader.loadArchive(result.archive)
        #expect(chart.metadata.version == "2.0.0")
        #expect(chart.metadata.appVersion == "x")
    }

    @Test func tarWriterSplitsAndExtendsLongNames() throws {
        var writer = RudderChart.TarWriter()
        let split = "c/" + String(repeating: "d/", count: 60) + "file.txt"
        let long = "c/" + String(repeating: "x", count: 150) + ".txt"
        let accented = "c/caf\u{E9}.txt"
        for name in [split, long, accented] { writer.addFile(name: name, data: Array(name.utf8), modificationTime: 0) }
        let entries = try TarListing.entries(HelmGzip.compress(writer.finished()) ?? [])
        #expect(entries.map(\.name) == [split, long, accented])
        #expect(entries.map { String(decoding: $0.data, as: UTF8.self) } == [split, long, accented])
    }

    @Test func lockTimesAreNormalisedAsGoDoes() {
        #expect(ChartLockFile.normaliseTime("2024-03-04T05:06:07.500+00:00") == "2024-03-04T05:06:07.5Z")
        #expect(ChartLockFile.normaliseTime("2024-03-04T05:06:07-07:00") == "2024-03-04T05:06:07-07:00")
        #expect(ChartLockFile.normaliseTime("2024-03-04T05:06:07.000Z") == "2024-03-04T05:06:07Z")
        #expect(ChartLockFile.normaliseTime("yesterday") == nil)
    }

    @Test func timestampsPrintAsRFC3339Nano() {
        #expect(Timestamp(seconds: 0).rfc3339Nano == "1970-01-01T00:00:00Z")
        #expect(Timestamp(seconds: 1_700_000_000).rfc3339Nano == "2023-11-14T22:13:20Z")
        #expect(Timestamp(seconds: 951_782_400, nanoseconds: 120_000_000).rfc3339Nano == "2000-02-29T00:00:00.12Z")
    }

    @Test func sha256MatchesKnownVectors() {
        #expect(Digest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Digest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex(Array(repeating: UInt8(ascii: "a"), count: 1000)).hasPrefix("41edece42d63e8d9bf515a9ba6932e1c"))
    }
}
