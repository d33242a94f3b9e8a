import RudderCore
import Synchronization

/// Values validation for a batch: each chart's `values.schema.json` is read
/// and compiled once, then every release's values are checked against it.
/// Gives exactly `SchemaValidation.validateValues`' result (the same walk over
/// the chart tree, the same texts); only the compiled schemas are shared, each
/// with the subtrees of its chart's default values it found valid: a release
/// that leaves a subtree of the defaults as it is shares its storage, and its
/// check is skipped (`KnownValidSubtrees`).
final class SchemaCache: Sendable {
    private let validators = Mutex<[String: Result<SchemaValidation.CompiledSchema, SchemaValidation.SchemaFailure>]>([:])

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
    ) -> Result<SchemaValidation.CompiledSchema, SchemaValidation.SchemaFailure> {
        let key = chartPath + "\u{0}" + chart.path
        if let known = validators.withLock({ $0[key] }) { return known }
        let result = SchemaValidation.compile(chart, schema).map { validator in
            SchemaValidation.CompiledSchema(validator: validator, knownValid: validator.knownValidSubtrees(of: .map(chart.values)))
        }
        validators.withLock { $0[key] = result }
        return result
    }
}
