import RudderCore
import RudderYAML

/// One Kubernetes object of the rendered output, with where it starts.
struct RenderedObject {
    /// Chart-relative path of the template that rendered it (`templates/deployment.yaml`).
    var file: String
    var node: YAMLNode
    var value: [String: Value]
    /// The lines of the template's rendered output.
    var lines: [Substring] = []
    /// The template's source, to trace positions back to (nil for templates of subcharts).
    var source: [UInt8]?

    var kind: String { value["kind"]?.stringValue ?? "" }
    var name: String { value["metadata"]?.lookup(["name"])?.stringValue ?? "" }
    var label: String { "\(kind)/\(name)" }

    /// The position of the node at `path` (keys, or list indexes as numbers), or of the
    /// deepest node found on the way.
    func position(_ path: [String]) -> SourcePosition {
        var current = node
        for key in path {
            if let index = Int(key), case .sequence(let items, _, _) = current.kind, items.indices.contains(index) {
                current = items[index]
            } else if let next = current[key] {
                current = next
            } else {
                break
            }
        }
        return current.position
    }

    /// Where the node at `path` is: in the template's source when the rendered
    /// line traces back to it (`rendered` false), else in the rendered output.
    /// A place inside a block that a template writes from values (`toYaml`)
    /// goes to the nearest enclosing key that the source spells out.
    func place(_ path: [String]) -> (position: SourcePosition, rendered: Bool) {
        let position = self.position(path)
        // Read only when there is a finding to place (clean charts pay nothing).
        guard let source else { return (position, true) }
        let trace = SourceTrace(source: source)
        for candidate in [position] + keyPositions(path).reversed() {
            let index = candidate.line - 1
            if lines.indices.contains(index), let traced = trace.trace(lines[index], column: candidate.column) {
                return (SourcePosition(file: file, line: traced.line, column: traced.column), false)
            }
        }
        return (position, true)
    }

    /// The positions of the keys (or list items) along `path`, outermost first, as far as they exist.
    func keyPositions(_ path: [String]) -> [SourcePosition] {
        var result: [SourcePosition] = []
        var current = node
        for key in path {
            switch current.kind {
            case .sequence(let items, _, _):
                guard let index = Int(key), items.indices.contains(index) else { return result }
                current = items[index]
                result.append(current.position)
            case .mapping(let entries, _, _):
                guard let entry = entries.last(where: { if case .scalar(key, _, _) = $0.key.kind { return true } else { return false } })
                else { return result }
                result.append(entry.key.position)
                current = entry.value
            default:
                return result
            }
        }
        return result
    }

    /// Every object of the rendered files, in file order (files that do not
    /// parse are left to Helm's template-yaml rule).
    static func read(_ rendered: [(path: String, content: String)], chart: Chart) -> [RenderedObject] {
        var objects: [RenderedObject] = []
        let chartName = chart.name
        for file in rendered.sorted(by: { $0.path < $1.path }) {
            guard file.path.hasSuffix(".yaml") || file.path.hasSuffix(".yml") else { continue }
            let relative = file.path.hasPrefix(chartName + "/") ? String(file.path.dropFirst(chartName.count + 1)) : file.path
            guard let documents = try? YAMLReader.readDocuments(Array(file.content.utf8), file: relative) else { continue }
            let lines = file.content.split(separator: "\n", omittingEmptySubsequences: false)
            let source = chart.templates.first { $0.name == relative }?.data
            for document in documents {
                guard case .map(let map) = document.value, map["kind"]?.stringValue != nil else { continue }
                objects.append(RenderedObject(file: relative, node: document, value: map, lines: lines, source: source))
            }
        }
        return objects
    }
}

/// A pod template inside a workload (or a bare Pod), with the path to its spec.
struct PodTemplate {
    var object: RenderedObject
    /// Path of the pod spec inside the object.
    var specPath: [String]
    var spec: [String: Value]
    var labels: [String: String]
    var replicas: Int64?

    static let workloadKinds: Set<String> = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController"]

    init?(_ object: RenderedObject) {
        let templatePath: [String]
        switch object.kind {
        case "Pod": templatePath = []
        case "CronJob": templatePath = ["spec", "jobTemplate", "spec", "template"]
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController":
            templatePath = ["spec", "template"]
        default: return nil
        }
        let template: Value = templatePath.isEmpty ? .map(object.value) : (Value.map(object.value).lookup(templatePath) ?? .null)
        guard let spec = template.lookup(["spec"])?.mapValue else { return nil }
        self.object = object
        self.specPath = templatePath + ["spec"]
        self.spec = spec
        var labels: [String: String] = [:]
        for (key, value) in template.lookup(["metadata", "labels"])?.mapValue ?? [:] {
            labels[key] = value.stringValue ?? ProductionCheck.scalarText(value)
        }
        self.labels = labels
        if ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"].contains(object.kind) {
            // Unset replicas means one.
            replicas = Value.map(object.value).lookup(["spec", "replicas"]).flatMap { ProductionCheck.integer($0) } ?? 1
        }
    }

    /// Whether `selector` (a label map) picks this template's pods.
    func matches(_ selector: [String: String]) -> Bool {
        !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
    }
}
