@testable import RudderChart
import RudderCore
import RudderFunctions
import Testing
import _RudderTestSupport

/// Templates parsed ahead, by several threads sharing one `TemplateParseJob`,
/// give exactly what parsing in `ChartRenderer.init` gives: same output, same
/// first error.
@Suite struct ParallelParseTests {
    static let root = GoldenCases.repositoryRoot()

    func renderAll(_ chart: Chart, parsedAhead: ParsedTemplateFiles?) throws -> [String] {
        let engine = try ChartRenderer(chart: chart, functions: HelmFunctions.registry, parsedAhead: parsedAhead)
        let prepared = try ValuesCoalescer.prepare(chart: chart, options: ValuesOptions())
        return try engine.render(
            values: .map(prepared.values), release: ReleaseInfo(), capabilities: Capabilities(),
            options: .init()
        ).map { $0.path + "\n" + $0.content }
    }

    /// Four threads (three workers and the caller) on one job.
    func parsedByFourThreads(_ chart: Chart) -> ParsedTemplateFiles {
        let job = TemplateParseJob(chart: chart)
        let workers = (0..<3).map { _ in BackgroundWork { job.work(functions: HelmFunctions.registry) } }
        job.work(functions: HelmFunctions.registry)
        for worker in workers { worker.finish() }
        return job.files()
    }

    @Test(arguments: ["charts/anything-llm", "charts/lobe-chat", "Tests/Fixtures/render/scaffold"])
    func parsedAheadRendersTheSame(_ path: String) throws {
        let chart = try ChartLoader.load(path: Self.root + "/" + path)
        let alone = try renderAll(chart, parsedAhead: nil)
        #expect(try renderAll(chart, parsedAhead: parsedByFourThreads(chart)) == alone)
    }

    @Test func theFirstErrorInParsingOrderWins() throws {
        let directory = try FileSystemHelper.chart([
            "templates/a.yaml": "a: {{ .Values.x",
            "templates/b/c.yaml": "c: {{ nosuchfunction }}",
            "templates/z.yaml": "z: ok",
        ])
        defer { FileSystemHelper.remove(directory) }
        let chart = try ChartLoader.load(path: directory)
        func failure(_ parsed: ParsedTemplateFiles?) -> String {
            do {
                _ = try ChartRenderer(chart: chart, functions: HelmFunctions.registry, parsedAhead: parsed)
                return "no error"
            } catch {
                return error.description
            }
        }
        let expected = failure(nil)
        #expect(expected.contains("c.yaml"))
        #expect(failure(parsedByFourThreads(chart)) == expected)
    }
}
