import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerSemver(_ r: inout Registrar) {
        r.add("semver", [.string]) { a in .object(try SemanticVersion(parsing: try Arguments(a).string(0))) }
        r.add("semverCompare", [.string, .string]) { a in
            let args = Arguments(a)
            let constraint = try SemverCache.constraint(try args.string(0))
            let version = try SemverCache.version(try args.string(1))
            return .bool(constraint.check(version))
        }
    }
}
