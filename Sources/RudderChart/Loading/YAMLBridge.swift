import RudderCore
import RudderYAML

/// The one place where the loader calls the YAML layer.
enum YAMLBridge {
    /// A values file (one or more documents, merged) read with Helm's values
    /// semantics; the error message is Helm's (`cannot unmarshal yaml document: …`).
    static func readValues(_ bytes: [UInt8], file: String) throws(ChartError) -> Value {
        do {
            return try YAMLReader.readValues(bytes, file: file)
        } catch {
            throw ChartError(error.helmMessage, file: file, position: error.position, fix: error.problem)
        }
    }

    /// One YAML document of any shape (Helm's `yaml.Unmarshal`, as for Chart.yaml).
    static func readDocument(_ bytes: [UInt8], file: String) throws(ChartError) -> Value {
        do {
            return try YAMLReader.unmarshal(bytes, file: file, top: .any)
        } catch {
            throw ChartError(error.helmMessage, file: file, position: error.position, fix: error.problem)
        }
    }
}
