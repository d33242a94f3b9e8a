import Glibc
import RudderCore
import RudderFunctions
import RudderTemplate
import _RudderTestSupport

/// Renders templates with every function (Sprig, Helm and this family).
enum Render {
    static let registry: FunctionRegistry = HelmFunctions.registry
    static let name = "c/templates/_case.tpl"

    static func result(_ template: String) -> Result<String, TemplateError> {
        Result { () throws(TemplateError) -> String in
            var set = TemplateSet()
            try set.parse(name: name, text: template, functions: registry)
            return try set.execute(name: name, data: .map([:]), functions: registry)
        }
    }

    static func output(_ template: String) throws -> String { try result(template).get() }

    /// The innermost error message (for a function: `error calling NAME: MESSAGE`).
    static func errorMessage(_ template: String) -> String? {
        guard case .failure(let error) = result(template) else { return nil }
        var current = error
        while let inner = current.underlying { current = inner }
        return current.message
    }
}

/// openssl, when installed; tests that need it say so when it is absent.
enum OpenSSL {
    static let path: String? = {
        for candidate in ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"] where FileSystem.exists(candidate) {
            return candidate
        }
        return nil
    }()

    /// Writes `files` into a fresh temporary directory and returns its path.
    static func scratch(_ files: [String: String]) throws -> String {
        let directory = "/tmp/rudder-crypto-\(getpid())-\(Int.random(in: 0..<1_000_000_000))"
        for (name, text) in files { try FileSystem.writeAtomically(directory + "/" + name, Array(text.utf8)) }
        return directory
    }

    static func run(_ arguments: [String], in directory: String) throws -> ProcessResult {
        try TestProcess.run([path ?? "openssl"] + arguments, directory: directory)
    }
}
