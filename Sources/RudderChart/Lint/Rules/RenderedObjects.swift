import RudderCore
import RudderYAML

/// One Kubernetes object of the rendered output, with where it starts.
struct RenderedObject {
    /// Chart-relative path of the template that rendered it (`templates/deployment.yaml`).
    var file: String
    var node: YAMLNode
    var value: [String: Value]

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

    /// Every object of the rendered files, in file order (files that do not
    /// parse are left to Helm's template-yaml rule).
    static func read(_ rendered: [(path: String, content: String)], chartName: String) -> [RenderedObject] {
        var objects: [RenderedObject] = []
        for file in rendered.sorted(by: { $0.path < $1.path }) {
            guard file.path.hasSuffix(".yaml") || file.path.hasSuffix(".yml") else { continue }
            let relative = file.path.hasPrefix(chartName + "/") ? String(file.path.dropFirst(chartName.count + 1)) : file.path
            guard let documents = try? YAMLReader.readDocuments(Array(file.content.utf8), file: relative) else { continue }
            for document in documents {
                guard case .map(let map) = document.value, map["kind"]?.stringValue != nil else { continue }
                objects.append(RenderedObject(file: relative, node: document, value: map))
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
