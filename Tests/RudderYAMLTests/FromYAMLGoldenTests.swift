import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport

/// Helm's fromYaml and fromYamlArray (scripts/yaml-goldens.py fromyaml):
/// YAMLReader.unmarshal with `.map` and `.list`.
@Suite struct FromYAMLGoldenTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("yaml/fromyaml.cases")) ?? []

    @Test func tableIsLoaded() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func fromYAML(_ c: GoldenCase) {
        let input = Array((c["input"] ?? "").utf8)
        do throws(YAMLError) {
            let value = try YAMLReader.unmarshal(input, file: "s.yaml", top: .map)
            #expect(c["maperror"] == "", "Helm fails with: \(c["maperror"] ?? "")")
            #expect(JSONWriter.encode(value) == c["map"])
        } catch {
            // fromYaml returns {"Error": message}.
            #expect(error.helmMessage == c["maperror"], "ours: \(error)")
            #expect(JSONWriter.encode(["Error": .string(error.helmMessage)]) == c["map"])
        }
    }

    @Test(arguments: cases)
    func fromYAMLArray(_ c: GoldenCase) {
        let input = Array((c["input"] ?? "").utf8)
        do throws(YAMLError) {
            let value = try YAMLReader.unmarshal(input, file: "s.yaml", top: .list)
            #expect(JSONWriter.encode(value) == c["list"])
        } catch {
            // fromYamlArray returns [message].
            #expect(JSONWriter.encode([.string(error.helmMessage)]) == c["list"], "ours: \(error)")
        }
    }
}
