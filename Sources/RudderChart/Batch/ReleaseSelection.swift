/// Which releases of a set to render: `--only NAME…` and `--selector`.
///
/// A selector is `key=value` or `key!=value` terms joined by commas, all of
/// which must hold; several selectors select the releases any of them does
/// (helmfile's rule). `--only` and selectors together select the releases
/// both choose.
public struct ReleaseSelection: Sendable {
    public struct Term: Sendable, Equatable {
        public var key: String
        public var value: String
        public var negated: Bool
    }

    public var only: [String]
    public var selectors: [[Term]]

    /// Parses `--only` names (each may be a comma-separated list) and `--selector` texts.
    public init(only: [String] = [], selectors: [String] = []) throws(ReleaseSetError) {
        self.only = only.flatMap { $0.split(separator: ",").map(String.init) }
        var parsed: [[Term]] = []
        for selector in selectors {
            var terms: [Term] = []
            for part in selector.split(separator: ",") {
                let text = String(part)
                if let range = text.firstRange(of: "!=") {
                    terms.append(Term(key: Self.trim(text[..<range.lowerBound]), value: Self.trim(text[range.upperBound...]), negated: true))
                } else if let equals = text.firstIndex(of: "=") {
                    terms.append(Term(key: Self.trim(text[..<equals]), value: Self.trim(text[text.index(after: equals)...]), negated: false))
                } else {
                    throw ReleaseSetError("invalid selector \"\(selector)\": expected key=value or key!=value terms, comma-separated")
                }
                if terms.last?.key.isEmpty == true {
                    throw ReleaseSetError("invalid selector \"\(selector)\": empty label name")
                }
            }
            parsed.append(terms)
        }
        self.selectors = parsed
    }

    static func trim(_ text: Substring) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// The chosen releases, in the set's order. An `--only` name the set
    /// does not have is an error (a typo should not render nothing quietly).
    public func apply(to releases: [ReleaseSpec]) throws(ReleaseSetError) -> [ReleaseSpec] {
        let names = Set(releases.map(\.name))
        let unknown = only.filter { !names.contains($0) }
        if !unknown.isEmpty {
            throw ReleaseSetError("no release named " + unknown.map { "\"\($0)\"" }.joined(separator: ", ") + " in the set")
        }
        let wanted = Set(only)
        return releases.filter { release in
            if !wanted.isEmpty && !wanted.contains(release.name) { return false }
            if selectors.isEmpty { return true }
            let labels = release.selectorLabels
            return selectors.contains { terms in
                terms.allSatisfy { term in (labels[term.key] == term.value) != term.negated }
            }
        }
    }
}
