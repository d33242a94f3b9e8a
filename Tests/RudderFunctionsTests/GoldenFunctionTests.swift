import RudderCore
import RudderTemplate
import Testing
import _RudderTestSupport

@testable import RudderFunctions

/// Runs every golden case of Tests/Golden/functions through the function
/// bodies with a minimal evaluator (see MiniTemplate), comparing with Helm.
@Suite struct GoldenFunctionTests {
    static let families = [
        "strings", "lists", "dicts", "defaults", "math", "conversion", "encoding", "hashes",
        "semver", "dates", "paths", "reflection", "urls", "serialization",
    ]

    /// Cases Rudder cannot match yet, with the reason. Each is a known gap.
    static let knownDifferences: [String: String] = [
        // Go strings are bytes: cutting a character in half leaves invalid UTF-8,
        // which a Swift String cannot hold (we produce U+FFFD).
        "strings-012": "substr in the middle of a character",
        "strings-017": "trunc in the middle of a character",
        // Value has no typed slices: []string, []int and [][]interface {} all print
        // alike but typeOf shows the Go type.
        "strings-061": "typeOf of []string",
        "lists-042": "typeOf of []int",
        "conversion-010": "typeOf of []int and []string",
        "conversion-011": "typeOf of [][]interface {}",
    ]

    /// Functions waiting for other layers (RudderYAML's YAMLWriter and JSONReader).
    static let pendingFunctions = ["toYaml", "ToYaml", "fromJson", "FromJson"]

    static func allCases() -> [GoldenCase] {
        families.flatMap { (try? GoldenCases.load("functions/\($0).cases")) ?? [] }
    }

    /// Functions with a fixed clock (2024-03-05T10:20:30Z) and UTC as the local zone.
    static let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        var options = FunctionOptions()
        options.localZoneName = "UTC"
        options.clock = { (1_709_634_030, 0) }
        register(&registry, options)
        return registry
    }()

    static func register(_ registry: inout FunctionRegistry, _ options: FunctionOptions) {
        HelmFunctions.register(into: &registry, options: options)
    }

    @Test func goldenFilesAreThere() throws {
        var total = 0
        for family in Self.families {
            let cases = try GoldenCases.load("functions/\(family).cases")
            #expect(!cases.isEmpty, "\(family)")
            total += cases.count
        }
        #expect(total >= 400)
    }

    @Test(arguments: GoldenFunctionTests.allCases())
    func goldenCase(_ golden: GoldenCase) throws {
        let template = try #require(golden["template"])
        if golden["args"] != nil || Self.knownDifferences[golden.name] != nil { return }
        if Self.pendingFunctions.contains(where: { template.contains($0) }) { return }
        var evaluator = MiniTemplate(functions: Self.registry)
        let result = Result { try evaluator.render(template) }
        if let expected = golden["output"] {
            if template.contains("now") || template.contains("shuffle") {
                // Clock- and randomness-dependent: only the shape is checked.
                #expect(throws: Never.self) { try result.get() }
                return
            }
            switch result {
            case .success(let output): #expect(output == expected, "\(template)")
            case .failure(let error): Issue.record("\(template): unexpected error \(error)")
            }
        } else if let expectedError = golden["error"], let helmError = golden["helm-error"] {
            switch result {
            case .success(let output):
                Issue.record("\(template): expected error \(expectedError), got \(output)")
            case .failure(let error):
                // Compare the message when Helm reports a function's own error.
                if let failure = error as? MiniTemplate.Failure, let name = failure.functionName,
                    helmError.contains("error calling \(name): ")
                {
                    #expect(failure.message == expectedError, "\(template)")
                }
            }
        }
    }
}
