import RudderCore

/// Parsed semver constraints and versions by their text: a chart's
/// `semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion` runs with
/// the same two strings for every object of every release, and parsing them
/// is nearly all its cost.
enum SemverCache {
    private static let constraints = TextKeyedCache<SemverConstraint>()
    private static let versions = TextKeyedCache<SemanticVersion>()

    /// `text` parsed as a constraint.
    static func constraint(_ text: String) throws -> SemverConstraint {
        try constraints.value(text) { text throws in try SemverConstraint(parsing: text) }
    }

    /// `text` parsed as a version.
    static func version(_ text: String) throws -> SemanticVersion {
        try versions.value(text) { text throws in try SemanticVersion(parsing: text) }
    }
}
