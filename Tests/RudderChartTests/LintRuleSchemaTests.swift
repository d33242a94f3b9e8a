import RudderCore
import RudderRegex
import Testing
import _RudderTestSupport
@testable import RudderChart

/// Offline Kubernetes schema validation: the bundle made by
/// scripts/lint2-schema-bundle.py (strict schemas of kubernetes-validate, 1.35).
@Suite struct LintRuleSchemaTests {
    static let root = GoldenCases.repositoryRoot()

    static func lint(_ chart: String, schemaLocation: String? = nil, valueFiles: [String] = []) throws -> [String] {
        guard let bundle = KubernetesSchemaBundle.bundled(schemaLocation: schemaLocation.map { root + "/" + $0 }) else {
            Issue.record("the bundle does not load")
            return []
        }
        var options = LintOptions()
        options.values.valueFiles = valueFiles.map { root + "/" + $0 }
        options.additionalChecks = [KubernetesSchemaCheck(bundle: bundle)]
        let result = try Linter.lint(path: root + "/" + chart, options: options)
        return result.findings.filter { $0.ruleID.hasPrefix("kubernetes-") }.map { "\($0.ruleID) \($0.file):\($0.line ?? 0) \($0.message)" }
    }

    @Test func bundleLoadsWithTheCommonKinds() throws {
        let bundle = try #require(KubernetesSchemaBundle.bundled())
        #expect(bundle.version == "1.35")
        for key in ["apps/v1/Deployment", "v1/Service", "v1/ConfigMap", "networking.k8s.io/v1/Ingress",
                    "policy/v1/PodDisruptionBudget", "autoscaling/v2/HorizontalPodAutoscaler", "batch/v1/CronJob"] {
            #expect(bundle.kinds[key] != nil, "\(key)")
        }
    }

    /// Validators for bundled kinds skip the metaschema walk; this is what
    /// makes that safe: every definition of the bundle, in one document,
    /// passes the check they would have run.
    @Test func everyBundledDefinitionPassesTheMetaschemaCheck() throws {
        let bundle = try #require(KubernetesSchemaBundle.bundled())
        var definitions: [String: Value] = [:]
        for name in bundle.offsets.keys {
            definitions[name] = try #require(bundle.definition(name), "\(name)")
        }
        #expect(definitions.count > 500)
        var regexes: [String: GoRegex] = [:]
        let problem = MetaschemaCheck.problem(
            in: .map(["$defs": .map(definitions)]), uri: "file:///kubernetes.json", draft: .draft2020, regexes: &regexes)
        #expect(problem == nil)
    }

    @Test func unknownFieldsAndWrongTypesAreErrors() throws {
        #expect(try Self.lint("Tests/Fixtures/lint2/schema-invalid") == [
            "kubernetes-schema templates/objects.yaml:4 ConfigMap/settings at metadata: additional properties 'colour' not allowed (Kubernetes 1.35)",
            "kubernetes-schema templates/objects.yaml:15 Service/web at spec.ports.0.port: got string, want integer (Kubernetes 1.35)",
        ])
    }

    @Test func validObjectsPass() throws {
        #expect(try Self.lint("Tests/Fixtures/lint2/workload").isEmpty)
        for chart in ["anything-llm", "lobe-chat"] {
            for department in ["engineering", "legal", "sales", "support"] {
                #expect(try Self.lint("charts/\(chart)", valueFiles: ["charts/\(chart)/departments/\(department).yaml"]).isEmpty)
            }
        }
    }

    @Test func customResourcesAreSkippedUnlessASchemaIsGiven() throws {
        #expect(try Self.lint("Tests/Fixtures/lint2/schema-crd") == [
            "kubernetes-schema-skipped templates/widget.yaml:1 Widget/w: no schema for example.com/v1/Widget in Kubernetes 1.35; not validated",
        ])
        #expect(try Self.lint("Tests/Fixtures/lint2/schema-crd", schemaLocation: "Tests/Fixtures/lint2/crd-schemas") == [
            "kubernetes-schema templates/widget.yaml:6 Widget/w at spec.size: maximum: got 3, want 2 (Kubernetes 1.35)",
        ])
    }

    @Test func base64() {
        #expect(KubernetesSchemaBundle.base64Decode("aGVsbG8=") == Array("hello".utf8))
        #expect(KubernetesSchemaBundle.base64Decode("aGVs\nbG8h") == Array("hello!".utf8))
        #expect(KubernetesSchemaBundle.base64Decode("a*b") == nil)
    }
}
