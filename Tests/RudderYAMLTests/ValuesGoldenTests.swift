import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport

/// The values.yaml table: each case read by the reference Helm 4.1.4 and
/// printed through toJson, toRawJson, toPrettyJson, toYaml and toYamlPretty
/// (scripts/yaml-goldens.py).
enum ValuesGolden {
    static let cases: [GoldenCase] = (try? GoldenCases.load("yaml/values.cases")) ?? []

    static func input(_ c: GoldenCase) -> [UInt8] {
        if let text = c["input"] { return Array(text.utf8) }
        if let encoded = c["input-base64"], let bytes = TestBase64.decode(encoded) { return bytes }
        return []
    }

    /// Reads the case as Helm's loader does, returning the value or Helm's
    /// full error text (`cannot load values.yaml: …`).
    static func read(_ c: GoldenCase) -> Result<Value, YAMLError> {
        do throws(YAMLError) {
            return .success(try YAMLReader.readValues(input(c), file: "values.yaml"))
        } catch {
            return .failure(error)
        }
    }
}

enum TestBase64 {
    static func decode(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var table = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = i }
        var bits = 0, count = 0
        var out: [UInt8] = []
        for c in text.utf8 where c != UInt8(ascii: "=") && c != 10 {
            let v = table[Int(c)]
            if v < 0 { return nil }
            bits = bits << 6 | v
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> count) & 0xFF))
            }
        }
        return out
    }
}

@Suite struct ValuesGoldenTests {
    @Test func tableIsLoaded() {
        #expect(ValuesGolden.cases.count >= 100)
    }

    @Test(arguments: ValuesGolden.cases)
    func toJSON(_ c: GoldenCase) {
        switch ValuesGolden.read(c) {
        case .success(let value):
            #expect(c["error"] == nil, "Helm fails with: \(c["error"] ?? "")")
            #expect(JSONWriter.encode(value) == c["json"])
            #expect(JSONWriter.encode(value, escapeHTML: false) == c["rawjson"])
            #expect(JSONWriter.encode(value, indent: "  ") == c["prettyjson"])
        case .failure(let error):
            #expect("cannot load values.yaml: " + error.helmMessage == c["error"], "ours: \(error)")
        }
    }

    @Test(arguments: ValuesGolden.cases.filter { $0["error"] != nil })
    func errorsSayWhere(_ c: GoldenCase) {
        guard case .failure(let error) = ValuesGolden.read(c) else {
            Issue.record("expected an error")
            return
        }
        #expect(error.position != nil, "no position: \(error)")
        #expect(error.description.hasPrefix("values.yaml:"))
    }
}

@Suite struct YAMLWriterGoldenTests {
    /// Helm's toYaml and toYamlPretty trim one final newline.
    static func trimmed(_ s: String) -> String {
        s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    @Test(arguments: ValuesGolden.cases.filter { $0["yaml"] != nil })
    func toYAML(_ c: GoldenCase) throws {
        let value = try ValuesGolden.read(c).get()
        #expect(Self.trimmed(YAMLWriter.marshal(value)) == c["yaml"])
    }

    @Test(arguments: ValuesGolden.cases.filter { $0["yamlpretty"] != nil })
    func toYAMLPretty(_ c: GoldenCase) throws {
        let value = try ValuesGolden.read(c).get()
        #expect(Self.trimmed(YAMLWriter.marshalPretty(value)) == c["yamlpretty"])
    }
}
