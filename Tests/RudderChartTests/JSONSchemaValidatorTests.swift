import Testing
import RudderCore
@testable import RudderChart

/// What the validator guarantees beyond Helm's wording: no network, no file
/// outside what the caller allows, cycles reported, every draft's keywords.
@Suite struct JSONSchemaValidatorTests {
    func schema(_ json: String) throws -> Value {
        switch SchemaValidation.parseJSON(Array(json.utf8)) {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }

    /// Draft 4 lets `additionalProperties` and `additionalItems` be booleans
    /// (Helm accepts such a values.schema.json; the SARIF 2.1.0 schema is one).
    @Test func draft4AllowsBooleanAdditionalProperties() throws {
        let document = try schema(#"""
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"a": {"type": "array", "items": [{"type": "integer"}], "additionalItems": false}},
             "additionalProperties": false}
            """#)
        let validator = try JSONSchemaValidator(schema: document)
        #expect(validator.validate(["a": [1]]) == nil)
        #expect(validator.validate(["a": [1], "b": 2])?.description.contains("additional properties 'b' not allowed") == true)
        #expect(validator.validate(["a": [1, 2]]) != nil)
    }

    @Test func networkReferencesAreRefused() throws {
        let document = try schema(#"{"$ref": "https://example.com/schema.json"}"#)
        #expect(throws: JSONSchemaValidator.LoadError(message: "failing loading \"https://example.com/schema.json\": network access is disabled")) {
            _ = try JSONSchemaValidator(schema: document)
        }
    }

    @Test func fileReferencesGoThroughTheResolverOnly() throws {
        let document = try schema(#"{"properties": {"a": {"$ref": "defs/port.json"}}}"#)
        var asked: [String] = []
        let validator = try JSONSchemaValidator(schema: document) { path in
            asked.append(path)
            return path == "/defs/port.json" ? Array(#"{"type": "integer"}"#.utf8) : nil
        }
        #expect(asked == ["/defs/port.json"])
        #expect(validator.validate(["a": 80]) == nil)
        #expect(validator.validate(["a": "x"])?.description == "- at '/a': got string, want integer\n")
    }

    @Test func missingFileIsReportedAsHelmDoes() throws {
        let document = try schema(#"{"$ref": "other.json"}"#)
        #expect(throws: JSONSchemaValidator.LoadError(message: "failing loading \"file:///other.json\": open /other.json: no such file or directory")) {
            _ = try JSONSchemaValidator(schema: document)
        }
    }

    @Test func chartSchemasCannotReachOutsideTheChart() throws {
        let chart = Chart(
            metadata: { var m = ChartMetadata(); m.name = "c"; return m }(),
            schemaData: Array(#"{"$ref": "../../etc/passwd"}"#.utf8),
            raw: [ChartFile(name: "values.yaml", data: [])])
        let report = SchemaValidation.report(chart: chart, values: [:])
        #expect(report == "c:\nfailing loading \"file:///etc/passwd\": open /etc/passwd: no such file or directory")
    }

    @Test func chartSchemasReachTheirOwnFiles() throws {
        let chart = Chart(
            metadata: { var m = ChartMetadata(); m.name = "c"; return m }(),
            schemaData: Array(#"{"properties": {"a": {"$ref": "schemas/a.json"}}}"#.utf8),
            raw: [ChartFile(name: "schemas/a.json", data: Array(#"{"type": "string"}"#.utf8))])
        #expect(SchemaValidation.report(chart: chart, values: ["a": 1]) == "c:\n- at '/a': got number, want string\n")
        #expect(SchemaValidation.report(chart: chart, values: ["a": "x"]) == "")
    }

    @Test func crossFileReferenceCycleIsReportedNotFollowed() throws {
        let document = try schema(#"{"$ref": "a.json"}"#)
        let validator = try JSONSchemaValidator(schema: document) { path in
            switch path {
            case "/a.json": return Array(#"{"$ref": "b.json"}"#.utf8)
            case "/b.json": return Array(#"{"$ref": "a.json"}"#.utf8)
            default: return nil
            }
        }
        let report = validator.validate(["x": 1])?.description ?? ""
        #expect(report.contains("causing reference cycle"))
    }

    @Test func deepInstancesDoNotExhaustTheStack() throws {
        var value: Value = 1
        for _ in 0..<2000 { value = ["a": value] }
        let validator = try JSONSchemaValidator(schema: try schema(##"{"$defs": {"n": {"properties": {"a": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"}"##))
        let report = validator.validate(value)?.description ?? ""
        #expect(report.contains("deeper than"))
    }

    @Test(arguments: [
        (#"{"type": "integer"}"#, Value.int64(3), true),
        (#"{"type": "integer"}"#, Value.float(3.0), true),
        (#"{"type": "integer"}"#, Value.float(3.5), false),
        (#"{"const": 1}"#, Value.float(1), true),
        (#"{"enum": [[1, 2]]}"#, Value.list([.int64(1), .int64(2)]), true),
        (#"{"uniqueItems": true}"#, Value.list([.int64(1), .float(1)]), false),
        (#"{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}"#, Value.int64(5), false),
        (#"{"$schema": "http://json-schema.org/draft-06/schema#", "exclusiveMaximum": 5}"#, Value.int64(4), true),
        (#"{"$schema": "http://json-schema.org/draft-06/schema#", "if": {"const": 1}, "then": false}"#, Value.int64(1), true),
        (#"{"$schema": "http://json-schema.org/draft-07/schema#", "if": {"const": 1}, "then": false}"#, Value.int64(1), false),
        (#"{"dependentSchemas": {"a": {"required": ["b"]}}}"#, Value.map(["a": 1]), false),
        (#"{"$schema": "http://json-schema.org/draft-07/schema#", "dependencies": {"a": ["b"]}}"#, Value.map(["a": 1]), false),
        (#"{"minContains": 2, "contains": {"const": 1}}"#, Value.list([.int64(1), .int64(2)]), false),
        (#"{"pattern": "^a.c$"}"#, Value.string("abc"), true),
        (#"{"pattern": "^a.c$"}"#, Value.string("abd"), false),
        (#"{"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}"#, Value.map(["a": 1]), true),
    ])
    func keywords(schemaText: String, value: Value, valid: Bool) throws {
        let validator = try JSONSchemaValidator(schema: try schema(schemaText))
        #expect((validator.validate(value) == nil) == valid, "\(schemaText) on \(value)")
    }

    @Test(arguments: [
        // jsonschema reads with json.Decoder (Helm: schema/validation.cases json-empty, json-trailing-text).
        ("", "EOF"),
        ("{\"a\": 1", "unexpected EOF"),
        ("a: 1", "invalid character 'a' looking for beginning of value"),
        ("{\"a\" 1}", "invalid character '1' after object key"),
        ("{\"a\": 1 \"b\"}", "invalid character '\"' after object key:value pair"),
        ("[1 2]", "invalid character '2' after array element"),
        ("{} x", "invalid character after top-level value"),
        ("{\"a\": tru}", "invalid character '}' in literal true (expecting 'e')"),
        ("{\"a\": 1.}", "invalid character '}' after decimal point in numeric literal"),
    ])
    func jsonSyntaxErrorsUseGoWording(text: String, message: String) {
        if case .failure(let error) = SchemaValidation.parseJSON(Array(text.utf8)) {
            #expect(error.message == message)
        } else {
            Issue.record("expected a syntax error for \(text)")
        }
    }
}
