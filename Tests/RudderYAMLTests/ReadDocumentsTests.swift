import RudderCore
import RudderYAML
import Testing

@Suite struct ReadDocumentsTests {
    @Test func nodesCarryPositions() throws {
        let text = "apiVersion: v2\nname: demo\nkeywords:\n  - a\n  - b\n"
        let docs = try YAMLReader.readDocuments(Array(text.utf8), file: "Chart.yaml")
        #expect(docs.count == 1)
        let root = try #require(docs.first)
        #expect(root.position == SourcePosition(file: "Chart.yaml", line: 1, column: 1, offset: 0))
        let name = try #require(root["name"])
        #expect(name.scalarText == "demo")
        #expect(name.position.line == 2)
        #expect(name.position.column == 7)
        let keywords = try #require(root["keywords"])
        guard case .sequence(let items, _, let flow) = keywords.kind else {
            Issue.record("not a sequence")
            return
        }
        #expect(!flow)
        #expect(items.map(\.position.line) == [4, 5])
        #expect(root.value == ["apiVersion": "v2", "name": "demo", "keywords": ["a", "b"]])
    }

    @Test func everyDocumentOfAStream() throws {
        let text = "a: 1\n---\n# only a comment\n---\n- x\n"
        let docs = try YAMLReader.readDocuments(Array(text.utf8), file: "m.yaml")
        #expect(docs.count == 3)
        #expect(docs[1].value == .null)
        #expect(docs[2].value == ["x"])
        #expect(docs[2].position.line == 5)
    }

    @Test func scalarsKeepTagAndStyle() throws {
        let docs = try YAMLReader.readDocuments(Array("version: '1.0'\nn: !!str 5\n".utf8), file: "Chart.yaml")
        let version = try #require(docs.first?["version"])
        guard case .scalar(let text, let tag, let style) = version.kind else {
            Issue.record("not a scalar")
            return
        }
        #expect(text == "1.0")
        #expect(tag == nil)
        #expect(style == .singleQuoted)
        #expect(version.value == "1.0")
        guard case .scalar(_, let tag5, _)? = docs.first?["n"]?.kind else {
            Issue.record("not a scalar")
            return
        }
        #expect(tag5 == "tag:yaml.org,2002:str")
    }

    @Test func aliasesAreResolved() throws {
        let docs = try YAMLReader.readDocuments(Array("a: &x {k: v}\nb: *x\n".utf8), file: "f.yaml")
        let b = try #require(docs.first?["b"])
        guard case .alias(let name, let target) = b.kind else {
            Issue.record("not an alias")
            return
        }
        #expect(name == "x")
        #expect(target["k"]?.scalarText == "v")
        #expect(b.value == ["k": "v"])
        #expect(b.position.line == 2)
    }

    @Test func emptyStreamHasNoDocuments() throws {
        #expect(try YAMLReader.readDocuments([], file: "e.yaml").isEmpty)
    }

    @Test func errorsSayWhere() {
        do throws(YAMLError) {
            _ = try YAMLReader.readDocuments(Array("a: 1\nb: [\n".utf8), file: "t.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.position?.file == "t.yaml")
            #expect(error.position?.line == 3)
            #expect(error.helmMessage == "error converting YAML to JSON: yaml: line 2: did not find expected node content")
        }
    }
}

@Suite struct UnmarshalTests {
    @Test func fromYamlReadsOnlyTheFirstDocument() throws {
        let v = try YAMLReader.unmarshal(Array("a: 1\n---\nb: 2\n".utf8), file: "s")
        #expect(v == ["a": 1.0])
    }

    @Test func emptyIsAnEmptyMapOrNull() throws {
        #expect(try YAMLReader.unmarshal([], file: "s") == .map([:]))
        #expect(try YAMLReader.unmarshal([], file: "s", top: .any) == .null)
    }

    @Test func arrayTop() throws {
        #expect(try YAMLReader.unmarshal(Array("- 1\n- b\n".utf8), file: "s", top: .list) == [1.0, "b"])
    }

    @Test func wrongTop() {
        do throws(YAMLError) {
            _ = try YAMLReader.unmarshal(Array("- 1\n".utf8), file: "s", top: .map)
            Issue.record("expected an error")
        } catch {
            #expect(error.helmMessage == "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}")
        }
    }
}
