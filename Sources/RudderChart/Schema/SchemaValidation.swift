import RudderCore
import RudderYAML

/// Validation of values against each chart's `values.schema.json`, as Helm's
/// `ValidateAgainstSchema` does it after coalescing.
public enum SchemaValidation {
    /// Validates the root chart's values and each subchart's (under its name),
    /// failing with Helm's message listing every chart whose values do not fit.
    public static func validateValues(of prepared: PreparedChart) throws(ChartError) {
        let report = report(chart: prepared.chart, values: prepared.values)
        if !report.isEmpty {
            throw ChartError(
                "values don't meet the specifications of the schema(s) in the following chart(s):\n" + report,
                fix: "change the values (or pass --skip-schema-validation)")
        }
    }

    static func report(chart: Chart, values: [String: Value]) -> String {
        var text = ""
        if let schema = chart.schemaData {
            if let failure = validate(values, schemaData: schema, chart: chart) {
                text += chart.name + ":\n" + failure
            }
        }
        for subchart in chart.dependencies {
            guard let raw = values[subchart.name], !raw.isNull else { continue }
            guard case .map(let subValues) = raw else {
                text += "\(subchart.name):\ninvalid type for values: expected object (map), got \(raw.goTypeName)\n"
                continue
            }
            text += report(chart: subchart, values: subValues)
        }
        return text
    }

    /// Helm's `ValidateAgainstSingleSchema` text for one chart, or nil when valid.
    static func validate(_ values: [String: Value], schemaData: [UInt8], chart: Chart) -> String? {
        let schema: Value
        switch parseJSON(schemaData) {
        case .success(let value): schema = value
        case .failure(let error): return error.message
        }
        let validator: JSONSchemaValidator
        do {
            validator = try JSONSchemaValidator(schema: schema, resolveFile: { path in
                // Only the chart's own files: `file:///sub/x.json` is the chart's `sub/x.json`.
                let relative = cleanPath(String(path.drop { $0 == "/" }))
                guard !relative.hasPrefix(".."), relative != "." else { return nil }
                return chart.rawFile(named: relative)?.data
            })
        } catch {
            return error.message
        }
        return validator.validate(.map(values))?.description
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
