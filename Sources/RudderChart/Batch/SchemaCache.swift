import RudderCore
import Synchronization

/// Values validation for a batch: each chart's `values.schema.json` is read
/// and compiled once, then every release's values are checked against it.
/// Gives exactly `SchemaValidation.validateValues`' result (the same walk over
/// the chart tree, the same texts); only the compiled schemas are shared.
final class SchemaCache: Sendable {
    private let validators = Mutex<[String: Result<JSONSchemaValidator, SchemaCompileFailure>]>([:])

    struct SchemaCompileFailure: Error {
        var message: String
    }

    func validateValues(of prepared: PreparedChart, chartPath: String) throws(ChartError) {
        let report = report(chart: prepared.chart, values: prepared.values, chartPath: chartPath)
        if !report.isEmpty {
            throw ChartError(
                "values don't meet the specifications of the schema(s) in the following chart(s):\n" + report,
                fix: "change the values (or pass --skip-schema-validation)")
        }
    }

    private func report(chart: Chart, values: [String: Value], chartPath: String) -> String {
        var text = ""
        if let schema = chart.schemaData {
            let failure: String?
            switch validator(for: chart, schema: schema, chartPath: chartPath) {
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
            text += report(chart: subchart, values: subValues, chartPath: chartPath)
        }
        return text
    }

    /// The compiled schema of the chart at `chart.path` in the tree of `chartPath`.
    private func validator(for chart: Chart, schema: [UInt8], chartPath: String) -> Result<JSONSchemaValidator, SchemaCompileFailure> {
        let key = chartPath + "\u{0}" + chart.path
        if let known = validators.withLock({ $0[key] }) { return known }
        let result: Result<JSONSchemaValidator, SchemaCompileFailure>
        switch SchemaValidation.parseJSON(schema) {
        case .failure(let error):
            result = .failure(SchemaCompileFailure(message: error.message))
        case .success(let document):
            do {
                result = .success(try JSONSchemaValidator(schema: document, resolveFile: { path in
                    // Only the chart's own files: `file:///sub/x.json` is the chart's `sub/x.json`.
                    let relative = cleanPath(String(path.drop { $0 == "/" }))
                    guard !relative.hasPrefix(".."), relative != "." else { return nil }
                    return chart.rawFile(named: relative)?.data
                }))
            } catch {
                result = .failure(SchemaCompileFailure(message: error.message))
            }
        }
        validators.withLock { $0[key] = result }
        return result
    }
}
