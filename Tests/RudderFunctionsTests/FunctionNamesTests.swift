import RudderCore
import RudderTemplate
import Testing
import _RudderTestSupport

@testable import RudderFunctions

/// Every name Helm 4.1.4 exposes is callable: registered here, a Go builtin
/// the template engine provides, or `include`/`tpl` (also the engine's).
@Suite struct FunctionNamesTests {
    static let goBuiltins: Set<String> = [
        "and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne", "not", "or",
        "print", "printf", "println", "urlquery",
    ]
    static let engineFunctions: Set<String> = ["include", "tpl"]

    static func helmNames() throws -> [String] {
        let text = try FileSystem.readText(GoldenCases.goldenPath("functions/helm-4.1.4-functions.txt"))
        return text.split(separator: "\n").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }

    @Test func listHas239Names() throws {
        #expect(try Self.helmNames().count == 239)
    }

    @Test func everyHelmNameIsProvided() throws {
        let registry = HelmFunctions.registry
        for name in try Self.helmNames() {
            let provided = registry.contains(name) || Self.goBuiltins.contains(name) || Self.engineFunctions.contains(name)
            #expect(provided, "\(name) is not provided")
        }
    }

    @Test func registryHasNoNamesHelmLacks() throws {
        let names = Set(try Self.helmNames())
        for name in HelmFunctions.registry.functions.keys {
            #expect(names.contains(name), "\(name) is not a Helm 4.1.4 function")
        }
    }

    /// Functions of the crypto family fail clearly until they land.
    @Test(arguments: HelmFunctions.pendingNames)
    func pendingFunctionFailsClearly(_ name: String) throws {
        let function = try #require(HelmFunctions.registry[name])
        #expect(throws: FunctionError("function \(name) is not yet implemented in rudder")) {
            try function.body([])
        }
    }

    /// No body traps on odd arguments: each returns a value or throws FunctionError.
    @Test func bodiesNeverCrashOnOddArguments() {
        let samples: [[Value]] = [
            [], [.null], [.string("x")], [.int(-1)], [.int(1), .string("x")], [.string("x"), .int(2)],
            [.list([]), .map([:])], [.map([:]), .list([.null])], [.null, .null, .null],
            [.int(3), .int(-2), .string("héllo")], [.float(.nan), .float(.infinity)],
            [.string(""), .string(""), .string("")], [.int64(Int64.min), .int64(-1)],
            [.int(Int.max), .int(Int.min), .int(1)],
        ]
        for (name, function) in HelmFunctions.registry.functions {
            for arguments in samples {
                do { _ = try function.body(arguments) } catch is FunctionError {} catch {
                    Issue.record("\(name) threw \(error)")
                }
            }
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
