import RudderCore
import RudderYAML

/// A release-set file: every release of an organisation, in the spirit of
/// helmfile's `releases:`.
///
/// ```yaml
/// defaults:                 # a layer every release gets (first)
///   values: [common.yaml]
///   set: ["global.org=acme"]
/// environments:             # a layer per environment (second)
///   production:
///     values: [production.yaml]
///     kubeVersion: "1.31.0"
/// releases:
///   - name: engineering
///     namespace: engineering
///     chart: ../charts/anything-llm
///     environment: production
///     values:               # files (relative to this file) or inline maps, in order
///       - ../charts/anything-llm/departments/engineering.yaml
///       - {replicaCount: 2}
///     set: ["image.tag=1.2.3"]     # or helmfile's [{name: image.tag, value: 1.2.3}]
///     labels: {team: platform}
/// ```
///
/// Values layers apply in the order defaults, environment, release; within
/// each flag kind (`set`, `setString`, `setJSON`) in the same order, with
/// Helm's precedence between kinds (files < set-json < set < set-string).
public struct ReleaseSet: Sendable {
    /// The file the set was read from (for messages).
    public var file: String
    public var releases: [ReleaseSpec]

    public init(file: String, releases: [ReleaseSpec]) {
        self.file = file
        self.releases = releases
    }
}

/// One values layer: a file path (already resolved against the release
/// set's folder) or an inline map.
public enum ValuesLayer: Sendable, Equatable {
    case file(String)
    /// Inline values, with where they were written (`releases.yaml:12:9`).
    case inline([String: Value], origin: String)
}

/// Settings shared by `defaults`, an environment and a release; a later
/// layer's non-nil setting wins, list settings accumulate.
public struct ReleaseLayer: Sendable {
    public var namespace: String?
    public var chart: String?
    public var values: [ValuesLayer] = []
    public var set: [String] = []
    public var setString: [String] = []
    public var setJSON: [String] = []
    public var labels: [String: String] = [:]
    public var kubeVersion: String?
    public var apiVersions: [String] = []
    public var includeCRDs: Bool?
    public var skipTests: Bool?
    public var noHooks: Bool?
    public var isUpgrade: Bool?
    public var skipSchemaValidation: Bool?

    public init() {}

    /// `self` with `other` applied over it.
    public func applying(_ other: ReleaseLayer) -> ReleaseLayer {
        var result = self
        result.namespace = other.namespace ?? namespace
        result.chart = other.chart ?? chart
        result.values += other.values
        result.set += other.set
        result.setString += other.setString
        result.setJSON += other.setJSON
        result.labels.merge(other.labels) { _, new in new }
        result.kubeVersion = other.kubeVersion ?? kubeVersion
        result.apiVersions += other.apiVersions
        result.includeCRDs = other.includeCRDs ?? includeCRDs
        result.skipTests = other.skipTests ?? skipTests
        result.noHooks = other.noHooks ?? noHooks
        result.isUpgrade = other.isUpgrade ?? isUpgrade
        result.skipSchemaValidation = other.skipSchemaValidation ?? skipSchemaValidation
        return result
    }
}

/// A release of a set, its layers already applied.
public struct ReleaseSpec: Sendable {
    public var name: String
    public var environment: String?
    /// Everything else, defaults and environment layers applied.
    public var settings: ReleaseLayer
    /// Where the release is written in the set file.
    public var position: SourcePosition?

    public init(name: String, environment: String? = nil, settings: ReleaseLayer, position: SourcePosition? = nil) {
        self.name = name
        self.environment = environment
        self.settings = settings
        self.position = position
    }

    public var namespace: String { settings.namespace ?? "default" }

    /// Labels for `--selector`: the file's, plus `name`, `namespace`, `chart`
    /// and `environment` (as helmfile adds `name`, `namespace` and `chart`).
    public var selectorLabels: [String: String] {
        var labels = settings.labels
        labels["name"] = name
        labels["namespace"] = namespace
        if let chart = settings.chart {
            labels["chart"] = chart.split(separator: "/").last.map(String.init) ?? chart
        }
        if let environment { labels["environment"] = environment }
        return labels
    }

    /// The release as one batch job: a `TemplateRequest` like `rudder template`'s.
    public func batchRelease() -> BatchRelease {
        var request = TemplateRequest(chartPath: settings.chart ?? "")
        request.releaseName = name
        request.namespace = namespace
        var files: [String] = []
        var inline: [String: [UInt8]] = [:]
        for layer in settings.values {
            switch layer {
            case .file(let path):
                files.append(path)
            case .inline(let map, let origin):
                // Inline layers are handed to the values reader as JSON text
                // under their origin, so that they merge in order with files.
                files.append(origin)
                inline[origin] = Array(JSONWriter.encode(.map(map)).utf8)
            }
        }
        request.values = ValuesOptions(valueFiles: files, setJSON: settings.setJSON, set: settings.set, setString: settings.setString)
        request.kubeVersion = settings.kubeVersion
        request.apiVersions = settings.apiVersions
        request.includeCRDs = settings.includeCRDs ?? false
        request.skipTests = settings.skipTests ?? false
        request.noHooks = settings.noHooks ?? false
        request.isUpgrade = settings.isUpgrade ?? false
        request.skipSchemaValidation = settings.skipSchemaValidation ?? false
        return BatchRelease(request: request, inlineValues: inline)
    }
}
