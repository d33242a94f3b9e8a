import RudderCore
import RudderYAML

/// The one place where the loader calls the YAML layer.
enum YAMLBridge {
    /// A YAML document (or several, merged) read with Helm's values semantics.
    static func readValues(_ bytes: [UInt8], file: String) throws(ChartError) -> Value {
        throw ChartError("YAML reading is not available yet", file: file)
    }

    /// A JSON document.
    static func readJSON(_ bytes: [UInt8], file: String) throws(ChartError) -> Value {
        throw ChartError("JSON reading is not available yet", file: file)
    }
}
