import RudderCore
import Synchronization

/// Parsed semver constraints and versions by their text, shared by every
/// render in the process: a chart's `semverCompare ">=1.19-0"
/// .Capabilities.KubeVersion.GitVersion` runs with the same two strings for
/// every object of every release, and parsing them is nearly all its cost.
/// Text that does not parse is not kept (it throws each time). Bounded: at
/// `capacity` entries a table starts again empty, so templates that build
/// constraints from data cannot grow it without limit.
final class SemverCache: Sendable {
    static let shared = SemverCache()
    static let capacity = 512

    private let constraints = Mutex<[String: SemverConstraint]>([:])
    private let versions = Mutex<[String: SemanticVersion]>([:])

    /// `text` parsed as a constraint.
    func constraint(_ text: String) throws -> SemverConstraint {
        if let cached = constraints.withLock({ $0[text] }) { return cached }
        let constraint = try SemverConstraint(parsing: text)
        constraints.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[text] = constraint
        }
        return constraint
    }

    /// `text` parsed as a version.
    func version(_ text: String) throws -> SemanticVersion {
        if let cached = versions.withLock({ $0[text] }) { return cached }
        let version = try SemanticVersion(parsing: text)
        versions.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[text] = version
        }
        return version
    }
}
