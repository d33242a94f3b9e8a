import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport

/// JSON texts read by Helm's fromJson and fromJsonArray and printed back
/// through toJson, toYaml and toYamlPretty (scripts/yaml-goldens.py json).
@Suite struct JSONGoldenTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("yaml/json.cases")) ?? []

    static func trimmed(_ s: String) -> String {
        s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    @Test func tableIsLoaded() {
        #expect(Self.cases.count >= 50)
    }

    @Test(arguments: cases)
    func fromJSON(_ c: GoldenCase) {
        let input = Array((c["input"] ?? "").utf8)
        do throws(YAMLError) {
            let value = try JSONReader.unmarshal(input, file: "s.json", top: .map)
            #expect(c["maperror"] == "", "Helm fails with: \(c["maperror"] ?? "")")
            #expect(JSONWriter.encode(value) == c["map"])
            #expect(Self.trimmed(YAMLWriter.marshal(value)) == c["yaml"])
            // Go's fromJson of `null` is a nil map: toJson prints `null` but
            // yaml.v3 prints `{}`; Value has no typed nil, so we print `null`.
            if c.name != "top-null" {
                #expect(Self.trimmed(YAMLWriter.marshalPretty(value)) == c["yamlpretty"])
            }
        } catch {
            #expect(error.helmMessage == c["maperror"], "ours: \(error)")
            #expect(error.position != nil)
        }
    }

    @Test(arguments: cases)
    func fromJSONArray(_ c: GoldenCase) {
        let input = Array((c["input"] ?? "").utf8)
        do throws(YAMLError) {
            let value = try JSONReader.unmarshal(input, file: "s.json", top: .list)
            #expect(JSONWriter.encode(value) == c["list"])
            #expect(Self.trimmed(YAMLWriter.marshal(value)) == c["listyaml"])
            if c.name != "top-null" {
                #expect(Self.trimmed(YAMLWriter.marshalPretty(value)) == c["listyamlpretty"])
            }
        } catch {
            #expect(JSONWriter.encode(.list([.string(error.helmMessage)])) == c["list"], "ours: \(error)")
        }
    }
}
