import RudderCore
import RudderYAML

/// Validation of values against each chart's `values.schema.json`, as Helm's
/// `ValidateAgainstSchema` does it after coalescing.
public enum SchemaValidation {
    /// Validates the root chart's values and each subchart's (under its name),
    /// failing with Helm's message listing every chart whose values do not fit.
    public static func validateValues(of prepared: PreparedChart) throws(ChartError) {
        try validateValues(of: prepared) { chart, schema in compile(chart, schema).map { CompiledSchema(validator: $0) } }
    }

    /// A compiled schema, with the subtrees of the chart's defaults it
    /// found valid when a batch shares them between releases.
    struct CompiledSchema {
        var validator: JSONSchemaValidator
        var knownValid: KnownValidSubtrees?
    }

    /// The same, with the compiled schema of each chart from `compile` (a batch
    /// passes a cache, so each schema is compiled once for every release).
    static func validateValues(
        of prepared: PreparedChart, compile: (Chart, [UInt8]) -> Result<CompiledSchema, SchemaFailure>
    ) throws(ChartError) {
        let report = report(chart: prepared.chart, values: prepared.values, compile: compile)
        if !report.isEmpty {
            throw ChartError(
                "values don't meet the specifications of the schema(s) in the following chart(s):\n" + report,
                fix: "change the values (or pass --skip-schema-validation)")
        }
    }

    static func report(
        chart: Chart, values: [String: Value],
        compile: (Chart, [UInt8]) -> Result<CompiledSchema, SchemaFailure> = { chart, schema in
            compile(chart, schema).map { CompiledSchema(validator: $0) }
        }
    ) -> String {
        var text = ""
        if let schema = chart.schemaData {
            let failure: String?
            switch compile(chart, schema) {
            case .success(let compiled):
                failure = compiled.validator.validate(.map(values), skipping: compiled.knownValid)?.description
            case .failure(let error): failure = error.message
            }
            if let failure { text += chart.name + ":\n" + failure }
        }
        for subchart in chart.dependencies {
            guard let raw = values[subchart.name], !raw.isNull else { continue }
            guard case .map(let subValues) = raw else {
                text += "\(subchart.name):\ninvalid type for values: expected object (map), got \(raw.goTypeName)\n"
                continue
            }
            text += report(chart: subchart, values: subValues, compile: compile)
        }
        return text
    }

    /// Helm's `ValidateAgainstSingleSchema` text for one chart, or nil when valid.
    static func validate(_ values: [String: Value], schemaData: [UInt8], chart: Chart) -> String? {
        switch compile(chart, schemaData) {
        case .success(let validator): return validator.validate(.map(values))?.description
        case .failure(let error): return error.message
        }
    }

    /// A schema that could not be read or compiled: Helm's text for it.
    struct SchemaFailure: Error {
        var message: String
    }

    /// Reads and compiles one chart's `values.schema.json` (`$ref`s resolve only to
    /// the chart's own files).
    static func compile(_ chart: Chart, _ schemaData: [UInt8]) -> Result<JSONSchemaValidator, SchemaFailure> {
        let schema: Value
        switch parseJSON(schemaData) {
        case .success(let value): schema = value
        case .failure(let error): return .failure(SchemaFailure(message: error.message))
        }
        do {
            return .success(try JSONSchemaValidator(schema: schema, resolveFile: { path in
                // Only the chart's own files: `file:///sub/x.json` is the chart's `sub/x.json`.
                let relative = cleanPath(String(path.drop { $0 == "/" }))
                guard !relative.hasPrefix(".."), relative != "." else { return nil }
                return chart.rawFile(named: relative)?.data
            }))
        } catch {
            return .failure(SchemaFailure(message: error.message))
        }
    }

    /// Reads a schema document, with the errors jsonschema's reader (Go's
    /// `json.Decoder`, then a check for trailing text) gives: `EOF` for no
    /// value at all, `unexpected EOF` for a cut-off one, and the decoder's
    /// syntax errors otherwise.
    public static func parseJSON(_ data: [UInt8]) -> Result<Value, ChartError> {
        var bytes = data
        stripByteOrderMark(&bytes)
        do {
            return .success(try JSONReader.parse(bytes, file: "values.schema.json"))
        } catch {
            let message: String
            if error.helmMessage == "unexpected end of JSON input" {
                let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
                message = blank ? "EOF" : "unexpected EOF"
            } else if error.helmMessage.hasPrefix("invalid character "), error.helmMessage.hasSuffix(" after top-level value") {
                message = "invalid character after top-level value"
            } else {
                message = error.helmMessage
            }
            return .failure(ChartError(message, file: "values.schema.json"))
        }
    }
}
