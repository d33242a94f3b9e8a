import RudderCore
import RudderYAML
import Testing

/// Errors say where (file:line:column) and what, and carry Helm's text.
@Suite struct ErrorTests {
    static func error(_ text: String, file: String = "values.yaml") -> YAMLError? {
        error(Array(text.utf8), file: file)
    }

    static func error(_ bytes: [UInt8], file: String = "values.yaml", limits: YAMLLimits = .default) -> YAMLError? {
        do throws(YAMLError) {
            _ = try YAMLReader.readValues(bytes, file: file, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func badIndentation() throws {
        let e = try #require(Self.error("a:\n  b: 1\n c: 2\n"))
        #expect(e.position?.line == 3)
        #expect(e.position?.column == 2)
        #expect(e.description.hasPrefix("values.yaml:3:2: "))
        #expect(e.description.contains("did not find expected key"))
        // Helm's line is libyaml's 0-based line of a parser error (the
        // err-bad-indent golden case): one less than ours.
        #expect(e.helmMessage == "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: did not find expected key")
    }

    @Test func tabIndentation() throws {
        let e = try #require(Self.error("a:\n\tb: 1\n"))
        #expect(e.description.hasPrefix("values.yaml:2:1: "))
        #expect(e.description.contains("found character that cannot start any token"))
        #expect(e.helmMessage.hasSuffix("yaml: line 2: found character that cannot start any token"))
    }

    @Test func unclosedQuote() throws {
        let e = try #require(Self.error("a: 1\nb: \"abc\nc: 2\n"))
        // Found at the end of the input; the quote it belongs to is named too.
        #expect(e.position?.line == 4)
        #expect(e.problem.contains("while scanning a quoted scalar (line 2, column 4)"))
        #expect(e.problem.contains("found unexpected end of stream"))
    }

    @Test func positionsCountFromTheWholeFileAcrossDocuments() throws {
        let e = try #require(Self.error("a: 1\n---\nb: 2\nc: [\n"))
        #expect(e.position?.line == 5)
        // Helm counts within the document: its line 2 is our line 4.
        #expect(e.helmMessage.hasSuffix("yaml: line 2: did not find expected node content"))
    }

    @Test func invalidUTF8ReportsTheByteOffset() throws {
        let bytes: [UInt8] = Array("a: 1\nb: ok\nc: x".utf8) + [0xC3, 0x28, 0x0A]
        let e = try #require(Self.error(bytes))
        #expect(e.problem.contains("invalid trailing UTF-8 octet at byte offset 16"))
        #expect(e.position?.offset == 16)
        #expect(e.position?.line == 3)
        #expect(e.helmMessage.hasSuffix("yaml: invalid trailing UTF-8 octet"))
    }

    @Test func documentSeparatorWithContent() throws {
        let e = try #require(Self.error("a: 1\n--- b: 2\n"))
        #expect(e.position?.line == 2)
        #expect(e.helmMessage == "error reading yaml document: invalid Yaml document separator: b: 2")
    }

    @Test func unknownAnchorSaysWhere() throws {
        let e = try #require(Self.error("a: 1\nb: *nope\n"))
        #expect(e.description.hasPrefix("values.yaml:2:4: "))
        #expect(e.helmMessage.hasSuffix("yaml: unknown anchor 'nope' referenced"))
    }

    @Test func anchorThatContainsItself() throws {
        let e = try #require(Self.error("a: &x [1, *x]\n"))
        #expect(e.problem == "anchor 'x' value contains itself")
    }

    @Test func duplicateKeysLastWins() throws {
        let v = try YAMLReader.readValues(Array("a: 1\nb: 2\na: 3\n".utf8), file: "v.yaml")
        #expect(v == ["a": 3.0, "b": 2.0])
    }
}

/// Hostile input ends in a clear error, in bounded time and memory.
@Suite struct HostileInputTests {
    @Test func deepFlowNesting() throws {
        let text = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let e = try #require(ErrorTests.error(Array(text.utf8)))
        #expect(e.problem == "exceeded max depth of 10000")
        #expect(e.helmMessage.hasSuffix("yaml: exceeded max depth of 10000"))
    }

    @Test func deepBlockNesting() throws {
        let text = String(repeating: "- ", count: 100_000) + "x\n"
        let e = try #require(ErrorTests.error(Array(text.utf8)))
        #expect(e.problem == "exceeded max depth of 10000")
    }

    @Test func nestingAtTheYAMLLimitStillFailsAsJSON() throws {
        // 10,000 flow levels pass yaml.v2, but with the top-level map the
        // JSON is 10,001 deep, which Go's encoding/json refuses.
        let text = "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let e = try #require(ErrorTests.error(Array(text.utf8)))
        #expect(e.helmMessage == "cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: invalid character '[' exceeded max depth")
    }

    @Test func billionLaughs() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for level in 1..<names.count {
            let previous = names[level - 1]
            let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
            text += "\(names[level]): &\(names[level]) [\(refs)]\n"
        }
        let e = try #require(ErrorTests.error(Array(text.utf8)))
        #expect(e.problem == "document contains excessive aliasing")
        #expect(e.helmMessage.hasSuffix("yaml: document contains excessive aliasing"))
    }

    @Test func fiveLevelFanOut() throws {
        var text = "l0: &l0 {k: v}\n"
        for level in 1...5 {
            let refs = Array(repeating: "*l\(level - 1)", count: 100).joined(separator: ", ")
            text += "l\(level): &l\(level) [\(refs)]\n"
        }
        let e = try #require(ErrorTests.error(Array(text.utf8)))
        #expect(e.problem == "document contains excessive aliasing")
    }

    @Test func moderateAliasingIsFine() throws {
        var text = "base: &b {x: 1, z: [1, 2, 3]}\n"
        for i in 0..<200 { text += "k\(i): *b\n" }
        let v = try YAMLReader.readValues(Array(text.utf8), file: "v.yaml")
        #expect(v.lookup(["k199", "z"]) == [1.0, 2.0, 3.0])
    }

    @Test func controlCharacter() throws {
        let e = try #require(ErrorTests.error("a: \"x\u{01}\"\n"))
        #expect(e.helmMessage.hasSuffix("yaml: control characters are not allowed"))
        #expect(e.position?.offset == 5)
    }
}
