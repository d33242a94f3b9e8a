import RudderCore
import RudderFunctions
import Synchronization

/// What a batch shares between releases: each chart loaded once, and its
/// templates parsed once per set of enabled subcharts (conditions and tags
/// depend on values, so two releases of one chart may render different trees).
final class BatchCache: Sendable {
    private let charts = Mutex<[String: Result<Chart, TemplateFailure>]>([:])
    private let renderers = Mutex<[String: Result<ChartRenderer, RenderError>]>([:])
    /// Compiled values schemas.
    let schemas = SchemaCache()

    /// The chart at `path`, loaded by the first release that asks.
    func chart(at path: String) -> Result<Chart, TemplateFailure> {
        charts.withLock { cache in
            if let known = cache[path] { return known }
            let result: Result<Chart, TemplateFailure>
            do throws(TemplateFailure) {
                result = .success(try TemplateAction.loadInstallableChart(path))
            } catch {
                result = .failure(error)
            }
            cache[path] = result
            return result
        }
    }

    /// The parsed templates of a prepared chart tree, parsed by the first release that renders it.
    func renderer(for chart: Chart, chartPath: String, enableDNS: Bool) throws(RenderError) -> ChartRenderer {
        let key = chartPath + "\u{0}" + (enableDNS ? "dns" : "") + "\u{0}" + Self.signature(chart)
        let result = renderers.withLock { cache in
            if let known = cache[key] { return known }
            let result: Result<ChartRenderer, RenderError>
            do throws(RenderError) {
                result = .success(try ChartRenderer(chart: chart, functions: TemplateAction.registryFor(enableDNS: enableDNS)))
            } catch {
                result = .failure(error)
            }
            cache[key] = result
            return result
        }
        return try result.get()
    }

    /// The shape of a prepared tree as rendering sees it: every chart's path
    /// (aliases applied) and its dependencies' enabled flags (`.Chart.Dependencies`).
    static func signature(_ chart: Chart) -> String {
        var text = chart.path + "("
        for dependency in chart.metadata.dependencies {
            text += dependency.name + (dependency.enabled ? "+" : "-") + "\(dependency.importValues.count);"
        }
        for child in chart.dependencies { text += signature(child) + "," }
        return text + ")"
    }
}
