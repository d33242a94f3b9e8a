import RudderCore
import RudderYAML

/// Validation of values against each chart's `values.schema.json`, as Helm's
/// `ValidateAgainstSchema` does it after coalescing.
public enum SchemaValidation {
    /// Validates the root chart's values and each subchart's (under its name),
    /// failing with Helm's message listing every chart whose values do not fit.
    public static func validateValues(of prepared: PreparedChart) throws(ChartError) {
        try validateValues(of: prepared, compile: compile)
    }

    /// The same, with the compiled schema of each chart from `compile` (a batch
    /// passes a cache, so each schema is compiled once for every release).
    static func validateValues(
        of prepared: PreparedChart, compile: (Chart, [UInt8]) -> Result<JSONSchemaValidator, SchemaFailure>
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
        compile: (Chart, [UInt8]) -> Result<JSONSchemaValidator, SchemaFailure> = compile
    ) -> String {
        var text = ""
        if let schema = chart.schemaData {
            let failure: String?
            switch compile(chart, schema) {
            case .success(let validator): failure = validator.validate(.map(values))?.description
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

    /// Reads a schema document, with Go's `encoding/json` syntax errors.
    public static func parseJSON(_ data: [UInt8]) -> Result<Value, ChartError> {
        var bytes = data
        stripByteOrderMark(&bytes)
        // The fast reader (Go's encoding/json semantics) for well-formed schemas; the
        // prefix reader only to word the error of a malformed one as Helm does.
        if let value = try? JSONReader.parse(bytes, file: "values.schema.json") {
            return .success(value)
        }
        var reader = JSONPrefixReader(scalars: Array(String(decoding: bytes, as: UTF8.self).unicodeScalars), position: 0)
        guard let value = reader.readDocument() else {
            return .failure(ChartError(reader.errorMessage ?? "unexpected end of JSON input", file: "values.schema.json"))
        }
        return .success(value)
    }
}
