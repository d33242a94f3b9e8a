import RudderCore
import RudderYAML

extension LintContext {
    /// Helm's `rules.ValuesWithOverrides`: values.yaml exists (info), parses,
    /// and with the user's values over it meets values.schema.json (top level only).
    mutating func lintValues() {
        let file = "values.yaml"
        guard check(.valuesFileExists, file, source.kind(file) == nil ? "file does not exist" : nil) else { return }
        let (problem, position) = valuesProblem()
        check(.valuesFile, file, problem, position: position)
    }

    mutating func valuesProblem() -> (String?, SourcePosition?) {
        let data: [UInt8]
        switch source.read("values.yaml") {
        case .success(let bytes): data = bytes
        case .failure(let failure): return ("unable to parse YAML: " + failure.message, nil)
        }
        // common.ReadValues: the first document, into a map.
        var values: [String: Value] = [:]
        do {
            if case .map(let map) = try YAMLReader.unmarshal(data, file: "values.yaml", top: .map) { values = map }
        } catch {
            let message = error.helmMessage.replacingAll(
                "Go value of type map[string]interface {}", with: "Go value of type common.Values")
            return ("unable to parse YAML: " + message, error.position)
        }
        var coalesced = ValuesCoalescer.coalesceTables([:], userValues)
        coalesced = ValuesCoalescer.coalesceTables(coalesced, values)

        guard case .success(let schema) = source.read("values.schema.json"), !schema.isEmpty else { return (nil, nil) }
        if options.skipSchemaValidation { return (nil, nil) }
        let chart: Chart
        switch loaded {
        case .success(let loadedChart): chart = loadedChart
        case .failure: chart = Chart(metadata: ChartMetadata())
        }
        guard let failure = SchemaValidation.validate(coalesced, schemaData: schema, chart: chart) else { return (nil, nil) }
        return (failure, Self.position(ofFirstViolationIn: failure, values: data))
    }

    /// Where in values.yaml the first violation (`- at '/a/0/b': …`) points, when
    /// the value comes from the file (not from the user's flags).
    static func position(ofFirstViolationIn report: String, values: [UInt8]) -> SourcePosition? {
        guard let start = report.firstRange(of: "at '")?.upperBound,
            let end = report[start...].firstIndex(of: "'"),
            var node = try? YAMLReader.readDocuments(values, file: "values.yaml").first
        else { return nil }
        let pointer = report[start..<end]
        for token in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let key = String(token).replacingAll("~1", with: "/").replacingAll("~0", with: "~")
            if case .sequence(let items, _, _) = node.kind {
                guard let index = Int(key), items.indices.contains(index) else { return node.position }
                node = items[index]
            } else if let child = node[key] {
                node = child
            } else {
                return node.position
            }
        }
        return node.position
    }
}
