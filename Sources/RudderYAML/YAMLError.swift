import RudderCore

/// A YAML or JSON input that could not be read.
///
/// `position` and `problem` are ours: an absolute file:line:column (1-based,
/// columns in Unicode scalars as libyaml counts) and a plain description.
/// `helmMessage` is the text Helm prints for the same input, so that callers
/// that must reproduce Helm's output can do so (`yaml: line 3: mapping values
/// are not allowed in this context`; the line there is Helm's, which counts
/// within one `---` document and, like yaml.v2, is sometimes the line before).
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: SourcePosition?
    public var problem: String
    /// What Helm says for this input. For `readValues` this is the whole chain
    /// Helm's values loader prints after `cannot load values.yaml: `, e.g.
    /// `cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: found character that cannot start any token`.
    public var helmMessage: String

    public init(position: SourcePosition?, problem: String, helmMessage: String) {
        self.position = position
        self.problem = problem
        self.helmMessage = helmMessage
    }

    /// `file:line:column: problem`.
    public var description: String {
        if let position { return "\(position): \(problem)" }
        return problem
    }
}

/// Bounds on hostile input. Every limit is checked before the memory it
/// guards is allocated.
public struct YAMLLimits: Sendable, Equatable {
    /// Deepest nesting of collections. Helm (yaml.v2) stops flow nesting and
    /// block indentation at 10,000 levels, and Go's encoding/json refuses
    /// values nested deeper than 10,000.
    public var maxDepth: Int
    /// Whether yaml.v2's "excessive aliasing" rule applies: once more than 100
    /// of more than 1,000 decoded nodes come from alias expansion, their share
    /// may not exceed 99% (up to 400,000 nodes), falling linearly to 10% at
    /// 4,000,000 nodes.
    public var checkAliasRatio: Bool
    /// Largest number of nodes an input may expand to through aliases in total
    /// (a hard cap beside the ratio rule; yaml.v2 has none, the ratio rule
    /// stops attacks long before it).
    public var maxExpandedNodes: Int

    public init(maxDepth: Int = 10_000, checkAliasRatio: Bool = true, maxExpandedNodes: Int = 50_000_000) {
        self.maxDepth = maxDepth
        self.checkAliasRatio = checkAliasRatio
        self.maxExpandedNodes = maxExpandedNodes
    }

    public static let `default` = YAMLLimits()
}
