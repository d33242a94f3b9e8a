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
        return (SchemaValidation.validate(coalesced, schemaData: schema, chart: chart), nil)
    }
}
