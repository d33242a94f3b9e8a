import RudderCore

/// A node of a YAML document with its source position.
///
/// Aliases are resolved: an `.alias` node holds the node its anchor named.
/// `value` is Helm's reading of the node (sigs.k8s.io/yaml over yaml.v2):
/// YAML 1.1 scalars, numbers as `.float`, keys as strings (`y` becomes
/// `"true"`), merge keys applied. Problems that Helm only finds when it
/// converts to JSON (`.nan`, a null key) are not errors here: `.nan` stays a
/// float and a null key reads as `"null"`.
public struct YAMLNode: Sendable {
    public indirect enum Kind: Sendable {
        /// A scalar: its text, its tag as written (expanded: `!!str` is
        /// `tag:yaml.org,2002:str`; nil when untagged) and its style.
        case scalar(String, tag: String?, style: YAMLScalarStyle)
        case sequence([YAMLNode], tag: String?, flow: Bool)
        /// Key and value nodes in source order (duplicates kept).
        case mapping([YAMLMappingEntry], tag: String?, flow: Bool)
        /// `*name`, with the node it refers to.
        case alias(String, target: YAMLNode)
    }

    public var kind: Kind
    /// `&name` on this node, if any.
    public var anchor: String?
    /// Where the node starts.
    public var position: SourcePosition
    /// Helm's resolution of this node.
    public var value: Value

    public init(kind: Kind, anchor: String?, position: SourcePosition, value: Value) {
        self.kind = kind
        self.anchor = anchor
        self.position = position
        self.value = value
    }

    /// The entries of a mapping (through an alias too); empty otherwise.
    public var mappingEntries: [YAMLMappingEntry] {
        switch kind {
        case .mapping(let entries, _, _): return entries
        case .alias(_, let target): return target.mappingEntries
        default: return []
        }
    }

    /// The value node of the last entry whose key is the plain text `key`.
    public subscript(key: String) -> YAMLNode? {
        mappingEntries.last { entry in
            if case .scalar(let text, _, _) = entry.key.kind { return text == key }
            return false
        }?.value
    }

    /// The scalar's text, when this is a scalar.
    public var scalarText: String? {
        switch kind {
        case .scalar(let text, _, _): return text
        case .alias(_, let target): return target.scalarText
        default: return nil
        }
    }
}

/// A key and its value in a mapping node.
public struct YAMLMappingEntry: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
