import RudderCore

/// How bad a lint finding is, with Helm's names and order (`support.InfoSev` …).
public enum LintSeverity: Int, Sendable, Comparable, CaseIterable {
    case info = 1
    case warning = 2
    case error = 3

    /// Helm's label: `INFO`, `WARNING`, `ERROR`.
    public var label: String {
        switch self {
        case .info: return "INFO"
        case .warning: return "WARNING"
        case .error: return "ERROR"
        }
    }

    /// The lower-case name used in JSON output: `info`, `warning`, `error`.
    public var name: String {
        switch self {
        case .info: return "info"
        case .warning: return "warning"
        case .error: return "error"
        }
    }

    public static func < (a: LintSeverity, b: LintSeverity) -> Bool { a.rawValue < b.rawValue }
}

/// One thing the linter found: which rule, how bad, where, and what.
///
/// Rudder's rules over rendered objects give the place in the template's
/// source when the rendered line traces back to it, else in the template's
/// rendered output, with `rendered` set.
///
/// `file` is the path exactly as Helm prints it after the severity: chart-relative
/// (`Chart.yaml`, `templates/`, `templates/deployment.yaml`, `crds/x.yaml`), the
/// absolute chart directory for the dependency rules, or empty. `line` and
/// `column` (1-based) are given where the finding can be traced to a place in
/// that file (Chart.yaml fields, values and CRD files, template parse errors).
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    public var ruleID: String
    public var severity: LintSeverity
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    /// Whether `line` and `column` are in the rendered output of the template
    /// `file` (a place that could not be traced back to its source).
    public var rendered = false

    public init(ruleID: String, severity: LintSeverity, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.ruleID = ruleID
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(_ rule: LintRule, file: String, position: SourcePosition? = nil, message: String) {
        self.init(ruleID: rule.id, severity: rule.severity, file: file, line: position?.line, column: position?.column, message: message)
    }

    /// Whether one of `helm lint`'s own rules found this (else one of Rudder's).
    public var isHelmRule: Bool { LintRule.helmRuleIDs.contains(ruleID) }

    /// The line of text output. Helm's rules keep Helm's line,
    /// `[ERROR] templates/: message`; Rudder's rules add the place and their
    /// rule id and always take one line:
    /// `[WARNING] templates/deployment.yaml:12:7: (container-resources) message`.
    public var description: String { "[\(severity.label)] " + body }

    /// What follows the severity label in `description`.
    var body: String {
        if isHelmRule { return "\(file): \(message)" }
        let oneLine = message.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.drop { $0 == " " || $0 == "\t" } }.filter { !$0.isEmpty }.joined(separator: "; ")
        return "\(place): (\(ruleID)) \(oneLine)\(renderedNote)"
    }

    /// `file:line:column` when the place is in the source, else the file alone.
    var place: String {
        guard !rendered, let line else { return file }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }

    /// ` (line 12, column 7 of the rendered output)` for a place that is only known there, else empty.
    var renderedNote: String {
        guard rendered, let line else { return "" }
        return " (line \(line)" + (column.map { ", column \($0)" } ?? "") + " of the rendered output)"
    }
}

/// A rule of the linter: a stable identifier, its severity and what it checks.
/// Part 1 holds exactly the rules of `helm lint` 4.1.4; further rules plug in
/// as more values of this type.
public struct LintRule: Sendable, Equatable, Hashable {
    public var id: String
    public var severity: LintSeverity
    public var summary: String

    public init(id: String, severity: LintSeverity, summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}

extension LintRule {
    // Chart.yaml (Helm's rules.Chartfile), in Helm's order.
    public static let chartYAMLIsFile = LintRule(id: "chart-yaml-is-file", severity: .error, summary: "Chart.yaml is a file, not a directory")
    public static let chartYAMLParses = LintRule(id: "chart-yaml-parses", severity: .error, summary: "Chart.yaml parses as chart metadata")
    public static let chartYAMLStrict = LintRule(id: "chart-yaml-strict", severity: .warning, summary: "Chart.yaml has no unknown fields or duplicate keys")
    public static let chartName = LintRule(id: "chart-name", severity: .error, summary: "name is present and has no path separator")
    public static let chartAPIVersion = LintRule(id: "chart-api-version", severity: .error, summary: "apiVersion is v1 or v2")
    public static let chartVersionType = LintRule(id: "chart-version-type", severity: .error, summary: "version is a YAML string")
    public static let chartVersion = LintRule(id: "chart-version", severity: .error, summary: "version is present and SemVer")
    public static let chartAppVersionType = LintRule(id: "chart-app-version-type", severity: .error, summary: "appVersion is a YAML string")
    public static let chartMaintainers = LintRule(id: "chart-maintainers", severity: .error, summary: "each maintainer has a name, a valid email and URL")
    public static let chartSources = LintRule(id: "chart-sources", severity: .error, summary: "sources are valid URLs")
    public static let chartIconPresent = LintRule(id: "chart-icon-present", severity: .info, summary: "an icon is given")
    public static let chartIconURL = LintRule(id: "chart-icon-url", severity: .error, summary: "the icon is a valid URL")
    public static let chartType = LintRule(id: "chart-type", severity: .error, summary: "type is only set in apiVersion v2")
    public static let chartDependenciesVersion = LintRule(id: "chart-dependencies-api-version", severity: .error, summary: "dependencies are only declared in apiVersion v2")
    public static let chartVersionStrict = LintRule(id: "chart-version-semver-v2", severity: .warning, summary: "version is strict SemVer 2")
    // values.yaml (rules.ValuesWithOverrides).
    public static let valuesFileExists = LintRule(id: "values-file-exists", severity: .info, summary: "values.yaml exists")
    public static let valuesFile = LintRule(id: "values-file", severity: .error, summary: "values.yaml parses and meets values.schema.json")
    // templates (rules.Templates).
    public static let templatesDirExists = LintRule(id: "templates-dir-exists", severity: .warning, summary: "templates/ exists")
    public static let templatesDir = LintRule(id: "templates-dir", severity: .error, summary: "templates/ is a directory")
    public static let templatesRender = LintRule(id: "templates-render", severity: .error, summary: "the chart loads and renders (lint mode, release test-release)")
    public static let templateExtension = LintRule(id: "template-extension", severity: .error, summary: "template files end in .yaml, .yml, .tpl or .txt")
    public static let templateIndent = LintRule(id: "template-indent", severity: .warning, summary: "a rendered document does not start indented")
    public static let templateYAML = LintRule(id: "template-yaml", severity: .error, summary: "each rendered document parses as YAML")
    public static let templateMetadataName = LintRule(id: "template-metadata-name", severity: .warning, summary: "metadata.name meets Kubernetes naming rules")
    public static let templateDeprecatedAPI = LintRule(id: "template-deprecated-api", severity: .warning, summary: "no API deprecated in the target Kubernetes version")
    public static let templateSelector = LintRule(id: "template-selector", severity: .error, summary: "workloads declare matchLabels or matchExpressions")
    public static let templateListAnnotations = LintRule(id: "template-list-resource-policy", severity: .error, summary: "no helm.sh/resource-policy inside List objects")
    // dependencies (rules.Dependencies).
    public static let dependenciesLoad = LintRule(id: "dependencies-load", severity: .error, summary: "the chart loads")
    public static let dependencyInMetadata = LintRule(id: "dependency-declared", severity: .error, summary: "every chart in charts/ is declared in Chart.yaml")
    public static let dependenciesUnique = LintRule(id: "dependency-unique", severity: .error, summary: "dependency names and aliases are unique")
    public static let dependencyInChartsDir = LintRule(id: "dependency-present", severity: .warning, summary: "every declared dependency is in charts/")
    // CRDs (rules.Crds).
    public static let crdsDir = LintRule(id: "crds-dir", severity: .error, summary: "crds/ is a directory")
    public static let crdsLoad = LintRule(id: "crds-load", severity: .error, summary: "the chart loads")
    public static let crdYAML = LintRule(id: "crd-yaml", severity: .error, summary: "each CRD document parses as YAML")
    public static let crdAPIVersion = LintRule(id: "crd-api-version", severity: .error, summary: "a CRD's apiVersion is in apiextensions.k8s.io")
    public static let crdKind = LintRule(id: "crd-kind", severity: .error, summary: "a CRD's kind is CustomResourceDefinition")

    /// The ids of `helmRules`: findings of these print in Helm's layout.
    public static let helmRuleIDs: Set<String> = Set(helmRules.map(\.id))

    /// Every rule of part 1, in Helm's run order.
    public static let helmRules: [LintRule] = [
        chartYAMLIsFile, chartYAMLParses, chartYAMLStrict, chartName, chartAPIVersion, chartVersionType, chartVersion,
        chartAppVersionType, chartMaintainers, chartSources, chartIconPresent, chartIconURL, chartType,
        chartDependenciesVersion, chartVersionStrict, valuesFileExists, valuesFile, templatesDirExists, templatesDir,
        templatesRender, templateExtension, templateIndent, templateYAML, templateMetadataName, templateDeprecatedAPI,
        templateSelector, templateListAnnotations, dependenciesLoad, dependencyInMetadata, dependenciesUnique,
        dependencyInChartsDir, crdsDir, crdsLoad, crdYAML, crdAPIVersion, crdKind,
    ]
}
