import RudderCore
import RudderTemplate
import RudderYAML

extension HelmFunctions {
    static func registerSerialization(_ r: inout Registrar) {
        // JSON out: Helm's toJson gives "" on error; Sprig's must forms fail.
        r.add("toJson", [.any]) { a in .string(JSONWriter.encode(jsonReady(Arguments(a)[0]))) }
        r.add("mustToJson", [.any]) { a in .string(try json(Arguments(a)[0], escapeHTML: true, indent: nil)) }
        r.add("toPrettyJson", [.any]) { a in .string(JSONWriter.encode(jsonReady(Arguments(a)[0]), indent: "  ")) }
        r.add("mustToPrettyJson", [.any]) { a in .string(try json(Arguments(a)[0], escapeHTML: true, indent: "  ")) }
        r.add("toRawJson", [.any]) { a in .string(try json(Arguments(a)[0], escapeHTML: false, indent: nil)) }
        r.add("mustToRawJson", [.any]) { a in .string(try json(Arguments(a)[0], escapeHTML: false, indent: nil)) }

        // YAML in: errors become an {"Error": …} map or a one-string list, as in Helm.
        r.add("fromYaml", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                let value = try YAMLReader.unmarshal(Array(text.utf8), file: "fromYaml", top: .map)
                return value.isNull ? .map([:]) : value
            } catch {
                return .map(["Error": .string(error.helmMessage)])
            }
        }
        r.add("fromYamlArray", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                let value = try YAMLReader.unmarshal(Array(text.utf8), file: "fromYamlArray", top: .list)
                return value.isNull ? .list([]) : value
            } catch {
                return .list([.string(error.helmMessage)])
            }
        }

        // TOML.
        r.add("toToml", [.any]) { a in
            do { return .string(try TOMLWriter.encode(Arguments(a)[0])) } catch let error as TOMLWriter.EncodingError {
                return .string(error.message)
            }
        }
        r.add("fromToml", [.string]) { a in
            do { return .map(try TOMLReader.parse(try Arguments(a).string(0))) } catch let error as TOMLReader.ParseError {
                return .map(["Error": .string(error.message)])
            }
        }

        // YAML out (sigs.k8s.io/yaml goes through JSON, hence jsonReady), final newline trimmed.
        r.add("toYaml", [.any]) { a in .string(trimNewline(YAMLWriter.marshal(jsonReady(Arguments(a)[0])))) }
        r.add("mustToYaml", [.any]) { a in
            do throws(YAMLWriter.EncodingError) {
                return .string(trimNewline(try YAMLWriter.marshalChecked(jsonReady(Arguments(a)[0]))))
            } catch {
                throw FunctionError(error.message)
            }
        }
        r.add("toYamlPretty", [.any]) { a in .string(trimNewline(YAMLWriter.marshalPretty(jsonReady(Arguments(a)[0])))) }

        // JSON in.
        r.add("fromJson", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                let value = try JSONReader.unmarshal(Array(text.utf8), file: "fromJson", top: .map)
                return value.isNull ? .map([:]) : value
            } catch {
                return .map(["Error": .string(error.helmMessage)])
            }
        }
        r.add("fromJsonArray", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                let value = try JSONReader.unmarshal(Array(text.utf8), file: "fromJsonArray", top: .list)
                return value.isNull ? .list([]) : value
            } catch {
                return .list([.string(error.helmMessage)])
            }
        }
        r.add("mustFromJson", [.string]) { a in
            let text = try Arguments(a).string(0)
            do throws(YAMLError) {
                return try JSONReader.unmarshal(Array(text.utf8), file: "mustFromJson", top: .any)
            } catch {
                throw FunctionError(error.helmMessage)
            }
        }
    }

    /// Go's `strings.TrimSuffix(text, "\n")`: one byte, not a `Character`
    /// (Swift's `dropLast()` counts every character of the text first).
    static func trimNewline(_ text: String) -> String {
        guard text.utf8.last == 0x0A else { return text }
        return String(text[..<text.utf8.index(before: text.utf8.endIndex)])
    }

    static func json(_ value: Value, escapeHTML: Bool, indent: String?) throws -> String {
        do throws(JSONWriter.EncodingError) {
            return try JSONWriter.encodeChecked(jsonReady(value), escapeHTML: escapeHTML, indent: indent)
        } catch {
            throw FunctionError(error.message)
        }
    }

    /// Replaces values whose JSON form is not their printed form (`time.Time`
    /// marshals as RFC 3339) before handing them to the JSON writer.
    static func jsonReady(_ value: Value) -> Value {
        switch value {
        case .object(let object as GoTime):
            return .string(GoTimeFormat.format(object, layout: "2006-01-02T15:04:05.999999999Z07:00"))
        case .list(let items) where items.contains(where: containsObject):
            return .list(items.map(jsonReady))
        case .map(let map) where map.values.contains(where: containsObject):
            return .map(map.mapValues(jsonReady))
        default:
            return value
        }
    }

    static func containsObject(_ value: Value) -> Bool {
        switch value {
        case .object: return true
        case .list(let items): return items.contains(where: containsObject)
        case .map(let map): return map.values.contains(where: containsObject)
        default: return false
        }
    }
}
