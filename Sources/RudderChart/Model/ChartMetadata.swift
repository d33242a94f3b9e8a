import RudderCore

/// A chart maintainer (`maintainers:` in Chart.yaml).
public struct ChartMaintainer: Sendable, Equatable {
    public var name: String
    public var email: String
    public var url: String

    public init(name: String = "", email: String = "", url: String = "") {
        self.name = name
        self.email = email
        self.url = url
    }
}

/// One `import-values` entry: `- data` imports `exports.data` into the parent's
/// top level; `- child: a.b, parent: c` imports the child's `a.b` table into `c`.
public enum ImportValue: Sendable, Equatable {
    case exports(String)
    case mapping(child: String, parent: String)
    /// An entry of another type: Helm ignores it.
    case ignored
}

/// A dependency declared in Chart.yaml (or requirements.yaml for v1 charts).
public struct ChartDependency: Sendable, Equatable {
    public var name: String
    public var version: String
    public var repository: String
    /// Comma-separated value paths; the first that holds a bool decides.
    public var condition: String
    public var tags: [String]
    public var enabled: Bool
    public var importValues: [ImportValue]
    public var alias: String
    public var dependsOn: [String]

    public init(
        name: String = "", version: String = "", repository: String = "", condition: String = "",
        tags: [String] = [], enabled: Bool = false, importValues: [ImportValue] = [], alias: String = "",
        dependsOn: [String] = []
    ) {
        self.name = name
        self.version = version
        self.repository = repository
        self.condition = condition
        self.tags = tags
        self.enabled = enabled
        self.importValues = importValues
        self.alias = alias
        self.dependsOn = dependsOn
    }

    /// The name the subchart goes by in values and paths: the alias, or the name.
    public var effectiveName: String { alias.isEmpty ? name : alias }
}

/// Chart.yaml: every field of Helm's `chart.Metadata`.
public struct ChartMetadata: Sendable, Equatable {
    public var apiVersion: String = ""
    public var name: String = ""
    public var version: String = ""
    public var kubeVersion: String = ""
    public var description: String = ""
    /// `application`, `library` or empty (application).
    public var type: String = ""
    public var keywords: [String] = []
    public var home: String = ""
    public var sources: [String] = []
    public var dependencies: [ChartDependency] = []
    /// Entries are nil where Chart.yaml has a null maintainer (rejected by `validate`).
    public var maintainers: [ChartMaintainer?] = []
    public var icon: String = ""
    public var appVersion: String = ""
    public var deprecated: Bool = false
    public var annotations: [String: String] = [:]
    /// v1 fields kept for compatibility.
    public var condition: String = ""
    public var tags: String = ""
    /// Positions of null entries in `dependencies:` (rejected by `validate`).
    var nullDependencyCount = 0

    public init() {}

    public static let apiVersionV1 = "v1"
    public static let apiVersionV2 = "v2"
}
