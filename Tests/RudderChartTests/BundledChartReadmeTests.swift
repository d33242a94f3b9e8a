import RudderCore
import Testing
import _RudderTestSupport

/// The README of each bundled chart carries a values table generated from the
/// comments in its values.yaml by scripts/charts-values-table.py. The script's
/// `--check` mode exits non-zero when a README is stale or a value has no
/// `# --` comment.
@Suite struct BundledChartReadmeTests {
    @Test func valuesTablesAreCurrent() throws {
        let root = GoldenCases.repositoryRoot()
        let result = try TestProcess.run(["python3", root + "/scripts/charts-values-table.py", "--check"])
        #expect(result.status == 0, "charts-values-table.py --check failed:\n\(result.stderr)")
    }

    @Test(arguments: ["anything-llm", "lobe-chat"])
    func readmeShowsHowToRenderDepartments(chart: String) throws {
        let root = GoldenCases.repositoryRoot()
        let readme = try FileSystem.readText(root + "/charts/\(chart)/README.md")
        #expect(readme.contains("<!-- values-table:begin -->"))
        #expect(readme.contains("-f charts/\(chart)/departments/"))
        #expect(readme.contains("for file in charts/\(chart)/departments/*.yaml"))
    }
}
