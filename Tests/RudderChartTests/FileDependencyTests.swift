import Testing
import RudderCore
@testable import RudderChart

/// `file://` dependencies, as `--dependency-update` resolves them. Messages
/// from the reference Helm (`helm template --dependency-update`).
@Suite struct FileDependencyTests {
    func layout(childVersion: String = "0.1.0", constraint: String = "0.1.0", extra: String = "") throws -> String {
        let root = try FileSystemHelper.temporaryDirectory()
        try FileSystemHelper.write(root + "/parent/Chart.yaml", Array((
            "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: child\n  version: \"\(constraint)\"\n  repository: file://../child\n" + extra
        ).utf8))
        try FileSystemHelper.write(root + "/child/Chart.yaml", Array("apiVersion: v2\nname: child\nversion: \(childVersion)\n".utf8))
        try FileSystemHelper.write(root + "/child/values.yaml", Array("x: 1\n".utf8))
        return root
    }

    @Test func fileDependencyIsLoadedFromItsDirectory() throws {
        let root = try layout()
        defer { FileSystemHelper.remove(root) }
        let chart = try ChartLoader.load(path: root + "/parent")
        #expect(throws: ChartError.self) { try ValuesCoalescer.checkDependencies(chart) }
        let resolved = try ChartLoader.resolveFileDependencies(chart, chartDirectory: root + "/parent")
        #expect(resolved.dependencies.map(\.path) == ["parent/charts/child"])
        let prepared = try ValuesCoalescer.prepare(chart: resolved, userValues: [:])
        #expect(prepared.values == ["child": ["x": 1.0, "global": [:]]])
    }

    @Test func missingDirectoryIsHelmsError() throws {
        let root = try layout(extra: "- name: gone\n  version: 0.1.0\n  repository: file://../gone\n")
        defer { FileSystemHelper.remove(root) }
        let chart = try ChartLoader.load(path: root + "/parent")
        do {
            _ = try ChartLoader.resolveFileDependencies(chart, chartDirectory: root + "/parent")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "directory \(root)/gone not found")
        }
    }

    @Test func versionMismatchIsHelmsError() throws {
        let root = try layout(constraint: "9.9.9")
        defer { FileSystemHelper.remove(root) }
        let chart = try ChartLoader.load(path: root + "/parent")
        do {
            _ = try ChartLoader.resolveFileDependencies(chart, chartDirectory: root + "/parent")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "can't get a valid version for 1 subchart(s): \"child\" (repository \"file://../child\", version \"9.9.9\"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml")
        }
    }
}
