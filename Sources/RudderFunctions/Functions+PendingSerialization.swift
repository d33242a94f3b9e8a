import RudderCore
import RudderTemplate
import RudderYAML

extension HelmFunctions {
    /// Helm's YAML writers and JSON readers, over RudderYAML:
    /// `toYaml` (sigs.k8s.io/yaml, final newline trimmed, "" on error),
    /// `mustToYaml` (the error instead), `toYamlPretty` (goyaml v3, indent 2),
    /// `fromJson`/`mustFromJson` (a map; `{"Error": …}` on error) and
    /// `fromJsonArray` (a list; `[error]` on error).
    static func registerPendingSerialization(_ r: inout Registrar) {
        @Sendable func trimmed(_ text: String) -> String {
            text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
        r.add("toYaml", [.any]) { a in
            guard let text = try? YAMLWriter.marshalChecked(Arguments(a)[0]) else { return .string("") }
            return .string(trimmed(text))
        }
        r.add("mustToYaml", [.any]) { a in
            do {
                return .string(trimmed(try YAMLWriter.marshalChecked(Arguments(a)[0])))
            } catch {
                throw FunctionError("\(error)")
            }
        }
        r.add("toYamlPretty", [.any]) { a in
            .string(trimmed(YAMLWriter.marshalPretty(Arguments(a)[0])))
        }
        r.add("fromJson", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                return try JSONReader.unmarshal(Array(text.utf8), file: "fromJson", top: .map)
            } catch {
                return .map(["Error": .string(error.helmMessage)])
            }
        }
        r.add("mustFromJson", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                return try JSONReader.unmarshal(Array(text.utf8), file: "mustFromJson", top: .map)
            } catch {
                throw FunctionError(error.helmMessage)
            }
        }
        r.add("fromJsonArray", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                return try JSONReader.unmarshal(Array(text.utf8), file: "fromJsonArray", top: .list)
            } catch {
                return .list([.string(error.helmMessage)])
            }
        }
    }
}
