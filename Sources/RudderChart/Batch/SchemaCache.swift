import RudderCore
import Synchronization

/// Values validation for a batch: each chart's `values.schema.json` is read
/// and compiled once, then every release's values are checked against it.
/// Gives exactly `SchemaValidation.validateValues`' result (the same walk over
/// the chart tree, the same texts); only the compiled schemas are shared.
final class SchemaCache: Sendable {
    private let validators = Mutex<[String: Result<JSONSchemaValidator, SchemaValidation.SchemaFailure>]>([:])

    func validateValues(of prepared: PreparedChart, chartPath: String) throws(ChartError) {
        try SchemaValidation.validateValues(of: prepared) { chart, schema in
            validator(for: chart, schema: schema, chartPath: chartPath)
        }
    }

    /// Compiles the root chart's schema ahead (for one `rudder template`, on a
    /// thread of its own while values are read); `validateValues` then finds it.
    func precompileRoot(_ chart: Chart, chartPath: String) {
        if let schema = chart.schemaData { _ = validator(for: chart, schema: schema, chartPath: chartPath) }
    }

    /// The compiled schema of the chart at `chart.path` in the tree of `chartPath`.
    private func validator(
        for chart: Chart, schema: [UInt8], chartPath: String
    ) -> Result<JSONSchemaValidator, SchemaValidation.SchemaFailure> {
        let key = chartPath + "\u{0}" + chart.path
        if let known = validators.withLock({ $0[key] }) { return known }
        let result = SchemaValidation.compile(chart, schema)
        validators.withLock { $0[key] = result }
        return result
    }
}
