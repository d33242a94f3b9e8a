#if canImport(Glibc)
import Glibc
#endif
import RudderCore
import RudderYAML

/// What an Argo CD Config Management Plugin run asks for, read from the
/// environment the repo-server gives the plugin's `generate` command.
///
/// Sources, lowest precedence first (later ones add values files and `--set`
/// values after earlier ones, and replace the release name and namespace):
///   1. `ARGOCD_APP_NAME`, `ARGOCD_APP_NAMESPACE` (release name, namespace),
///      `KUBE_VERSION`, `KUBE_API_VERSIONS` (comma-separated);
///   2. the Application's `plugin.env`, which Argo CD prefixes with `ARGOCD_ENV_`:
///      `ARGOCD_ENV_RELEASE_NAME`, `ARGOCD_ENV_NAMESPACE`, `ARGOCD_ENV_VALUES_FILES`
///      and `ARGOCD_ENV_SET` (comma-separated, as `-f` and `--set` read them);
///   3. the plugin parameters: `ARGOCD_APP_PARAMETERS` (JSON, a list of
///      `{name, string | array | map}`), or when that is absent the `PARAM_*`
///      variables Argo CD derives from it (`PARAM_VALUES_FILES_0`,
///      `PARAM_HELM_PARAMETERS_IMAGE_TAG` cannot give the key back, so maps
///      come only from the JSON);
///   4. the command line (`rudder argocd generate -f … --set …`).
struct ArgoCDEnvironment {
    var releaseName: String?
    var namespace: String?
    var kubeVersion: String?
    var apiVersions: [String] = []
    var valueFiles: [String] = []
    var set: [String] = []
    var setString: [String] = []

    /// Parameter names of `integrations/argocd/plugin.yaml`.
    enum Parameter {
        static let valuesFiles = "values-files"
        static let helmParameters = "helm-parameters"
        static let helmStringParameters = "helm-string-parameters"
        static let releaseName = "release-name"
        static let namespace = "namespace"
    }

    /// Reads `environment` (name to value); throws when `ARGOCD_APP_PARAMETERS`
    /// is not Argo CD's JSON.
    init(environment: [String: String]) throws {
        func nonEmpty(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        releaseName = nonEmpty("ARGOCD_APP_NAME")
        namespace = nonEmpty("ARGOCD_APP_NAMESPACE")
        kubeVersion = nonEmpty("KUBE_VERSION")
        if let list = nonEmpty("KUBE_API_VERSIONS") {
            apiVersions = splitCommaList(list).filter { !$0.isEmpty }
        }

        if let name = nonEmpty("ARGOCD_ENV_RELEASE_NAME") { releaseName = name }
        if let name = nonEmpty("ARGOCD_ENV_NAMESPACE") { namespace = name }
        if let files = nonEmpty("ARGOCD_ENV_VALUES_FILES") {
            valueFiles += splitCommaList(files).filter { !$0.isEmpty }
        }
        if let set = nonEmpty("ARGOCD_ENV_SET") { self.set.append(set) }

        if let json = environment["ARGOCD_APP_PARAMETERS"], !json.isEmpty {
            try readParameters(json)
        } else {
            readParameterVariables(environment)
        }
    }

    /// `ARGOCD_APP_PARAMETERS`: `[{"name": "values-files", "array": ["a.yaml"]},
    /// {"name": "helm-parameters", "map": {"image.tag": "v2"}}, {"name": "release-name", "string": "web"}]`.
    private mutating func readParameters(_ json: String) throws {
        let value: Value
        do {
            value = try JSONReader.parse(Array(json.utf8), file: "ARGOCD_APP_PARAMETERS")
        } catch {
            throw CLIFailure("ARGOCD_APP_PARAMETERS is not JSON: " + error.description)
        }
        guard case .list(let parameters) = value else {
            if case .null = value { return }
            throw CLIFailure("ARGOCD_APP_PARAMETERS: expected a JSON list of parameters")
        }
        for (index, parameter) in parameters.enumerated() {
            guard case .map(let fields) = parameter, case .string(let name)? = fields["name"] else {
                throw CLIFailure("ARGOCD_APP_PARAMETERS[\(index)]: expected an object with a string \"name\"")
            }
            let context = "ARGOCD_APP_PARAMETERS[\(index)] (\(name))"
            switch name {
            case Parameter.valuesFiles:
                valueFiles += try Self.strings(fields, context: context)
            case Parameter.helmParameters:
                set += try Self.assignments(fields, context: context)
            case Parameter.helmStringParameters:
                setString += try Self.assignments(fields, context: context)
            case Parameter.releaseName:
                if let text = try Self.string(fields, context: context), !text.isEmpty { releaseName = text }
            case Parameter.namespace:
                if let text = try Self.string(fields, context: context), !text.isEmpty { namespace = text }
            default:
                continue  // Parameters of other tools are not ours to judge.
            }
        }
    }

    /// `PARAM_<NAME>` and `PARAM_<NAME>_<i>`: Argo CD's names upper-cased with
    /// every character outside `[A-Za-z0-9_]` replaced by `_`.
    private mutating func readParameterVariables(_ environment: [String: String]) {
        func indexed(_ prefix: String) -> [String] {
            var items: [String] = []
            while let item = environment["\(prefix)_\(items.count)"] { items.append(item) }
            return items
        }
        valueFiles += indexed("PARAM_VALUES_FILES").filter { !$0.isEmpty }
        if let name = environment["PARAM_RELEASE_NAME"], !name.isEmpty { releaseName = name }
        if let name = environment["PARAM_NAMESPACE"], !name.isEmpty { namespace = name }
    }

    private static func string(_ fields: [String: Value], context: String) throws(CLIFailure) -> String? {
        guard let value = fields["string"] else { return nil }
        guard let text = scalarText(value) else { throw CLIFailure("\(context): \"string\" must be a string") }
        return text
    }

    private static func strings(_ fields: [String: Value], context: String) throws(CLIFailure) -> [String] {
        if let value = fields["array"] {
            guard case .list(let items) = value else { throw CLIFailure("\(context): \"array\" must be a list") }
            var texts: [String] = []
            for item in items {
                guard let text = scalarText(item) else { throw CLIFailure("\(context): array items must be strings") }
                if !text.isEmpty { texts.append(text) }
            }
            return texts
        }
        // A single string is read as `-f` reads it: comma-separated.
        guard let text = try string(fields, context: context), !text.isEmpty else { return [] }
        return splitCommaList(text).filter { !$0.isEmpty }
    }

    /// A map parameter as `--set` assignments, keys sorted (JSON objects have no order).
    private static func assignments(_ fields: [String: Value], context: String) throws(CLIFailure) -> [String] {
        if let value = fields["map"] {
            guard case .map(let entries) = value else { throw CLIFailure("\(context): \"map\" must be an object") }
            var result: [String] = []
            for key in entries.keys.sorted() {
                guard let entry = entries[key], let text = scalarText(entry) else {
                    throw CLIFailure("\(context): the value of \"\(key)\" must be a string")
                }
                result.append(key + "=" + text)
            }
            return result
        }
        // An array parameter of `key=value` items, as `--set` takes them.
        return try strings(fields, context: context)
    }

    private static func scalarText(_ value: Value) -> String? {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .int64(let number): return String(number)
        case .float(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return String(number)
        default: return nil
        }
    }

    /// The process environment as a dictionary (the CLI's only reader of `environ`).
    static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }
}
