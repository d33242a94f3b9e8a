import RudderCore

extension LintRule {
    public static let valuesUndefined = LintRule(id: "values-undefined", severity: .warning, summary: "values read by templates are defined in values.yaml (likely typos)")
}

extension HygieneCheck {
    /// One `.Values.a.b` read in a template, with where it is.
    struct ValuesReference: Equatable {
        var path: [String]
        var line: Int
        var column: Int
    }

    /// Every `.Values.x.y` (or `$.Values.x.y`) in a template's text, in order.
    static func valuesReferences(in text: [UInt8]) -> [ValuesReference] {
        let marker = Array(".Values.".utf8)
        func isIdentifier(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        var result: [ValuesReference] = []
        var line = 1
        var lineStart = 0
        var index = 0
        while index < text.count {
            if text[index] == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard text[index] == 0x2E, index + marker.count <= text.count, Array(text[index..<(index + marker.count)]) == marker,
                index == 0 || !isIdentifier(text[index - 1])
            else {
                index += 1
                continue
            }
            var end = index + marker.count
            while end < text.count, isIdentifier(text[end]) || (text[end] == 0x2E && end + 1 < text.count && isIdentifier(text[end + 1])) {
                end += 1
            }
            let path = String(decoding: text[(index + marker.count)..<end], as: UTF8.self).split(separator: ".").map(String.init)
            if !path.isEmpty {
                result.append(ValuesReference(path: path, line: line, column: index - lineStart + 1))
            }
            index = end
        }
        return result
    }

    /// The templates' reads of values that values.yaml does not define. A read
    /// below a scalar, list or null is not judged (the template may index it).
    func undefinedReads(_ chart: Chart, add: (LintRule, SourcePosition, String, String) -> Void) {
        for template in chart.templates {
            var seen: Set<[String]> = []
            for reference in Self.valuesReferences(in: template.data) where reference.path.first != "global" {
                var current: Value = .map(chart.values)
                for (depth, key) in reference.path.enumerated() {
                    guard case .map(let map) = current else { break }
                    guard let next = map[key] else {
                        let missing = Array(reference.path.prefix(depth + 1))
                        if seen.insert(missing).inserted {
                            add(.valuesUndefined, SourcePosition(file: template.name, line: reference.line, column: reference.column),
                                template.name, ".Values.\(missing.joined(separator: ".")) is not in values.yaml")
                        }
                        break
                    }
                    current = next
                }
            }
        }
    }
}
