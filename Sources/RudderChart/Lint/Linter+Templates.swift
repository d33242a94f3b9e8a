import RudderCore
import RudderFunctions
import RudderTemplate

extension LintContext {
    /// Helm's `rules.Templates`: templates/ exists and is a directory; the chart
    /// renders in lint mode (release `test-release`, `required`/`fail` only log);
    /// then each template of the chart itself is checked: its extension, and for
    /// YAML files the rendered text's indentation, each document's YAML, name,
    /// API deprecation, workload selector and List annotations. The first
    /// document that does not parse ends the template checks, as in Helm.
    mutating func lintTemplates() {
        let directory = "templates/"
        let kind = source.kind("templates")
        guard check(.templatesDirExists, directory, kind == nil ? "directory does not exist" : nil) else { return }
        guard check(.templatesDir, directory, kind == .directory ? nil : "not a directory") else { return }

        let chart: Chart
        switch loaded {
        case .success(let loadedChart): chart = loadedChart
        case .failure(let error):
            check(.templatesRender, directory, error.message, position: error.position)
            return
        }
        // Values as Helm's lint builds them: dependencies processed (a failure
        // there, or in coalescing, silently ends the template checks).
        let working = WorkingChart(chart)
        let user = ValueMap(copying: userValues)
        let prepared: PreparedChart
        do {
            try DependencyProcessing.process(working, values: user)
            let coalesced = try Coalescing.coalesceValues(chart: working, values: user, merge: false)
            prepared = PreparedChart(chart: working.finished(path: working.name), values: coalesced.value)
        } catch {
            return
        }
        self.prepared = prepared
        if !options.skipSchemaValidation {
            do {
                try SchemaValidation.validateValues(of: prepared)
            } catch {
                check(.templatesRender, directory, error.message)
                return
            }
        }

        var release = ReleaseInfo(name: "test-release", namespace: options.namespace, isUpgrade: false, revision: 0)
        release.isInstallOverride = false
        let capabilities = Capabilities(kubeVersion: kubeVersion ?? .helmDefault)
        // Helm's lint has no time limit; Rudder bounds a runaway template at five minutes.
        var execution = ExecutionOptions()
        execution.setTimeout(seconds: 300)
        let rendered: [(path: String, content: String)]
        do {
            let engine = try ChartRenderer(chart: prepared.chart, functions: Self.lintRegistry(log: logs))
            rendered = try engine.render(
                values: .map(prepared.values), release: release, capabilities: capabilities, options: execution)
        } catch {
            check(.templatesRender, directory, error.description)
            return
        }
        self.rendered = rendered
        var contentByPath: [String: String] = [:]
        for file in rendered { contentByPath[file.path] = file.content }

        for template in chart.templates {
            let name = template.name
            check(.templateExtension, name, Self.extensionProblem(name))
            guard Self.isYAMLFile(name) else { continue }
            let content = contentByPath[chart.name + "/" + name] ?? ""
            guard !ManifestSorter.trimSpace(Substring(content)).isEmpty else { continue }
            check(.templateIndent, name, Self.indentProblem(content))
            for document in ManifestDocuments.decode(content) {
                let head: KubernetesHead
                switch document {
                case .failure(let failure):
                    check(.templateYAML, name, "unable to parse YAML: " + failure.message)
                    return
                case .success(nil): continue
                case .success(let decoded?): head = decoded
                }
                check(.templateMetadataName, name, KubernetesNames.problem(kind: head.kind, name: head.name))
                check(.templateDeprecatedAPI, name, APIDeprecations.problem(
                    apiVersion: head.apiVersion, kind: head.kind, kubeVersion: kubeVersion))
                check(.templateSelector, name, Self.selectorProblem(head, content))
                check(.templateListAnnotations, name, Self.listAnnotationProblem(head, content))
            }
        }
    }

    /// Helm's functions in lint mode, where `required` and `fail` log what they
    /// would have failed with and return "".
    static func lintRegistry(log: LintLog) -> FunctionRegistry {
        var functionOptions = FunctionOptions()
        functionOptions.lintMode = true
        var registry = FunctionRegistry()
        HelmFunctions.register(into: &registry, options: functionOptions)
        if let required = registry["required"] {
            registry.register("required", TemplateFunction(required.parameters, variadic: required.variadic) { arguments in
                if arguments.count >= 2, arguments[1].isNull || arguments[1] == .string(""),
                    case .string(let message) = arguments[0]
                {
                    log.append(LintLog.line(level: "WARN", message: "missing required value", attribute: message))
                }
                return try required.body(arguments)
            })
        }
        if let fail = registry["fail"] {
            registry.register("fail", TemplateFunction(fail.parameters, variadic: fail.variadic) { arguments in
                if case .string(let message)? = arguments.first {
                    log.append(LintLog.line(level: "INFO", message: "funcMap fail", attribute: message))
                }
                return try fail.body(arguments)
            })
        }
        return registry
    }

    /// Go's `filepath.Ext`: from the last dot of the last path element.
    static func fileExtension(_ name: String) -> String {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(name)
        guard let dot = base.lastIndex(of: ".") else { return "" }
        return String(base[dot...])
    }

    static func extensionProblem(_ name: String) -> String? {
        let ext = fileExtension(name)
        if [".yaml", ".yml", ".tpl", ".txt"].contains(ext) { return nil }
        return "file extension '\(ext)' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt"
    }

    static func isYAMLFile(_ name: String) -> Bool {
        let ext = fileExtension(name).lowercased()
        return ext == ".yaml" || ext == ".yml"
    }

    /// The first non-blank line must not start with a space or a tab.
    static func indentProblem(_ content: String) -> String? {
        // Lines split on bytes: "\r\n" is one Character in Swift, but two bytes to bufio.
        for rawLine in content.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var bytes = rawLine
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            let line = Substring(String(decoding: bytes, as: UTF8.self))
            if ManifestSorter.trimSpace(line).isEmpty { continue }
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                return "document starts with an illegal indent: \(goQuote(String(line))), which may cause parsing problems"
            }
            return nil
        }
        return nil
    }

    /// Workloads need `matchLabels` or `matchExpressions` somewhere in the file's rendered text.
    static func selectorProblem(_ head: KubernetesHead, _ content: String) -> String? {
        switch head.kind {
        case "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet":
            if content.contains("matchLabels") || content.contains("matchExpressions") { return nil }
            return "a \(head.kind) must contain matchLabels or matchExpressions, and \(goQuote(head.name)) does not"
        default:
            return nil
        }
    }

    /// In a `List`, no item may carry the `helm.sh/resource-policy` annotation
    /// (Helm reads the file's first document for this).
    static func listAnnotationProblem(_ head: KubernetesHead, _ content: String) -> String? {
        guard head.kind == "List" else { return nil }
        let value: Value
        switch ManifestDocuments.firstDocument(content) {
        case .success(let decoded): value = decoded
        case .failure(let failure): return "unable to parse YAML: " + failure.message
        }
        // encoding/json into struct { Items []struct { Metadata struct { Annotations map[string]string } } }:
        // the first type error wins over the finding.
        let itemType = "struct { Metadata struct { Annotations map[string]string } }"
        var typeError: String?
        var found = false
        func mismatch(_ value: Value, _ field: String, _ goType: String) {
            if typeError == nil {
                typeError = ManifestDocuments.errorPrefix
                    + "cannot unmarshal \(jsonKind(value)) into Go struct field \(field) of type \(goType)"
            }
        }
        guard case .map(let top) = value, let items = ManifestDocuments.field(top, "items") else { return nil }
        switch items {
        case .null: break
        case .list(let list):
            for item in list {
                switch item {
                case .null: continue
                case .map(let object):
                    guard let metadataValue = ManifestDocuments.field(object, "metadata") else { continue }
                    switch metadataValue {
                    case .null: continue
                    case .map(let metadata):
                        guard let annotationsValue = ManifestDocuments.field(metadata, "annotations") else { continue }
                        switch annotationsValue {
                        case .null: continue
                        case .map(let annotations):
                            for key in annotations.keys.sorted() {
                                if case .list = annotations[key] ?? .null {
                                    mismatch(.list([]), ".Items.Metadata.Annotations", "string")
                                } else if case .map = annotations[key] ?? .null {
                                    mismatch(.map([:]), ".Items.Metadata.Annotations", "string")
                                }
                            }
                            if annotations["helm.sh/resource-policy"] != nil { found = true }
                        default:
                            mismatch(annotationsValue, ".Items.Metadata.Annotations", "map[string]string")
                        }
                    default:
                        mismatch(metadataValue, ".Items.Metadata", "struct { Annotations map[string]string }")
                    }
                default:
                    mismatch(item, ".Items", itemType)
                }
            }
        default:
            mismatch(items, ".Items", "[]" + itemType)
        }
        if let typeError { return "unable to parse YAML: " + typeError }
        if found { return "annotation 'helm.sh/resource-policy' within List objects are ignored" }
        return nil
    }
}
