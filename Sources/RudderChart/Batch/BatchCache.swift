import RudderCore
import RudderFunctions
import Synchronization

/// What a batch shares between releases: each chart loaded once, and its
/// templates parsed once per set of enabled subcharts (conditions and tags
/// depend on values, so two releases of one chart may render different trees).
final class BatchCache: Sendable {
    private let charts = Mutex<[String: OnceCell<Result<Chart, TemplateFailure>>]>([:])
    private let renderers = Mutex<[String: OnceCell<Result<ChartRenderer, RenderError>>]>([:])
    /// Compiled values schemas.
    let schemas = SchemaCache()

    /// The chart at `path`, loaded by the first release that asks (releases of
    /// other charts load theirs meanwhile; those of this one wait for it).
    func chart(at path: String) -> Result<Chart, TemplateFailure> {
        let cell = charts.withLock { cache in
            if let known = cache[path] { return known }
            let cell = OnceCell<Result<Chart, TemplateFailure>>()
            cache[path] = cell
            return cell
        }
        return cell.value {
            do throws(TemplateFailure) {
                return .success(try TemplateAction.loadInstallableChart(path))
            } catch {
                return .failure(error)
            }
        }
    }

    /// The parsed templates of a prepared chart tree, parsed by the first release that renders it.
    func renderer(for chart: Chart, chartPath: String, enableDNS: Bool) throws(RenderError) -> ChartRenderer {
        let key = chartPath + "\u{0}" + (enableDNS ? "dns" : "") + "\u{0}" + Self.signature(chart)
        let cell = renderers.withLock { cache in
            if let known = cache[key] { return known }
            let cell = OnceCell<Result<ChartRenderer, RenderError>>()
            cache[key] = cell
            return cell
        }
        return try cell.value {
            do throws(RenderError) {
                return .success(try ChartRenderer(chart: chart, functions: TemplateAction.registryFor(enableDNS: enableDNS)))
            } catch {
                return .failure(error)
            }
        }.get()
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

/// A value made once, by the first caller; later callers wait for it.
final class OnceCell<Stored: Sendable>: Sendable {
    private let stored = Mutex<Stored?>(nil)

    func value(_ make: () -> Stored) -> Stored {
        stored.withLock { stored in
            if let known = stored { return known }
            let made = make()
            stored = made
            return made
        }
    }
}
