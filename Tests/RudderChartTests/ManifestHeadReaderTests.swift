import RudderCore
import Testing
import _RudderTestSupport
@testable import RudderChart

/// The quick head scanner against the full reader: whenever the scanner
/// answers, the full reader reads the document without error and finds the
/// same head. Documents come from every rendered output in the committed
/// goldens, and from deterministic mutations of them.
@Suite struct ManifestHeadReaderTests {
    /// Documents of every recorded `template`/`render` output, as the head
    /// reader sees them (split, without the `# Source:` line Helm adds).
    static func goldenDocuments() throws -> (bundled: [String], other: [String]) {
        var bundled: [String] = []
        var other: [String] = []
        func documents(_ output: String) -> [String] {
            ManifestSorter.split(output).map { document in
                guard document.hasPrefix("# Source: "), let newline = document.firstIndex(of: "\n") else {
                    return document
                }
                return String(document[document.index(after: newline)...])
            }
        }
        let chartsDir = GoldenCases.goldenPath("charts")
        for chart in try FileSystem.list(chartsDir).sorted() where FileSystem.isDirectory(chartsDir + "/" + chart) {
            for file in try FileSystem.list(chartsDir + "/" + chart).sorted() where file.hasSuffix(".yaml") {
                bundled += documents(try FileSystem.readText(chartsDir + "/" + chart + "/" + file))
            }
        }
        for file in ["render/template.cases", "render/output-dir.cases", "batch/releases.cases", "batch/values-dir.cases"] {
            for golden in try GoldenCases.load(file) {
                for section in golden.order where section.hasPrefix("stdout") || section.hasPrefix("file") {
                    other += documents(golden[section] ?? "")
                }
            }
        }
        return (bundled, other)
    }

    /// Checks the rule on one document; returns whether the scanner answered.
    @discardableResult
    static func check(_ document: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let quick = ManifestHeadReader.quickRead(document) else { return false }
        do {
            let full = try ManifestHeadReader.fullRead(document)
            #expect(quick == full, "heads differ for \(String(reflecting: document))", sourceLocation: sourceLocation)
        } catch {
            Issue.record("scanner answered, full reader failed (\(error)) for \(String(reflecting: document))",
                         sourceLocation: sourceLocation)
        }
        return true
    }

    @Test func everyGoldenDocumentAgrees() throws {
        let (bundled, other) = try Self.goldenDocuments()
        #expect(bundled.count > 100)
        for document in bundled {
            #expect(Self.check(document), "scanner unsure of a bundled chart's document: \(String(reflecting: document))")
        }
        var answered = 0
        for document in other where Self.check(document) { answered += 1 }
        // Most recorded documents are plain Kubernetes YAML.
        #expect(answered * 10 >= other.count * 9, "answered \(answered) of \(other.count)")
    }

    /// Deterministic mutations of the recorded documents: each is checked
    /// against the rule. `RUDDER_HEAD_FUZZ=N` runs N times as many.
    @Test func mutatedDocumentsAgree() throws {
        let (bundled, other) = try Self.goldenDocuments()
        var seen = Set<String>()
        let bases = (bundled + other).filter { seen.insert($0).inserted && $0.utf8.count < 4000 }
        #expect(bases.count > 50)
        let scale = Int(FileSystem.environment("RUDDER_HEAD_FUZZ") ?? "") ?? 1
        var random = SplitMix64(seed: 0x5EED_4EAD)
        var answered = 0
        var total = 0
        for round in 0..<(4000 * scale) {
            let base = bases[round % bases.count]
            let mutated = HeadMutator.mutate(base, random: &random)
            total += 1
            if Self.check(mutated) { answered += 1 }
        }
        // Many mutations stay valid and are answered; the rest go to the full reader.
        #expect(answered > total / 10, "answered \(answered) of \(total)")
        #expect(answered < total, "answered all \(total)")
    }

    @Test(arguments: HeadMutator.edgeCases)
    func edgeCaseAgrees(_ document: String) {
        Self.check(document)
    }

    /// Documents the scanner must answer, with the head it must find.
    @Test func answersCommonShapes() {
        let cases: [(String, ManifestHead)] = [
            ("kind: A\nmetadata:\n  name: nm\n", ManifestHead(kind: "A", name: "nm")),
            ("# only a comment", ManifestHead()),
            ("kind: 'it''s'\nmetadata: {}\n", ManifestHead(kind: "it's")),
            ("\"kind\": \"a\\tb\\u00e9\"\nmetadata:\n  \"name\": x # c\n", ManifestHead(kind: "a\tbé", name: "x")),
            ("kind: Job\nmetadata:\n  annotations:\n    \"helm.sh/hook\": pre-install,post-install\n    b: 2024-01-01\n",
             ManifestHead(kind: "Job", annotations: ["helm.sh/hook": "pre-install,post-install", "b": "2024-01-01"])),
            ("spec:\n  args: [\"--a\", -1, {\"b\":[true,null]}]\n  script: |-\n    x:\n    \ty\n\n  z: >\n    folded\nkind: K\n",
             ManifestHead(kind: "K")),
            ("kind:\nitems:\n- a: 1\n  b:\n  - x\n-\n  c: d\n- e\nmetadata:\n  name:\n", ManifestHead()),
        ]
        for (document, expected) in cases {
            #expect(ManifestHeadReader.quickRead(document) == expected, "\(String(reflecting: document))")
            Self.check(document)
        }
    }

    /// Keys, values, indentation and odd characters at every distance from
    /// the eight-byte steps the scanner reads in, and from the document's end.
    @Test func agreesAtEveryWordBoundary() {
        var answered = 0
        var total = 0
        for width in 0..<20 {
            let word = String(repeating: "k", count: width)
            let indent = String(repeating: " ", count: width + 2)
            let documents = [
                "kind: A" + word, "kind: A" + word + "\n", word + "x: y\nkind: B\n", "kind: A\n" + word + "x:",
                "kind: A\n" + word + "x: " + word + ":\n", "kind: A\n" + word + "x: " + word + " :b\n",
                "kind: A\nmetadata:\n" + indent + "name: " + word + "n\n", "kind: A\nx:\n" + indent + "y: z\n" + indent + " w: v\n",
                "kind: A\n" + word + "x:" + word + ": b\n", "kind: A\n" + word + "é: " + word + "é\n",
                "kind: A\n" + word + "x: a" + word + "\t\n", "kind: A\n" + word + "x: a\u{7F}" + word + "\n",
                "kind: A\n" + word + "\n---\n", "kind: A\n" + word + "x: |\n  " + word + "\n...\n",
                "kind: A" + word + " # c " + word + "\nmetadata:\n  name: n" + word + "#x\n",
            ]
            for document in documents {
                total += 1
                if Self.check(document) { answered += 1 }
            }
        }
        #expect(answered > total / 3, "answered \(answered) of \(total)")
        #expect(answered < total, "answered all \(total)")
    }

    /// Characters the full reader refuses or treats apart (control
    /// characters, DEL, CR, NEL, line and paragraph separators, BOM,
    /// non-characters) make the scanner unsure, wherever they stand.
    @Test func refusesOddCharactersAnywhere() {
        let line = "kind: abcdefghijklmnopqrstuvwxyz0123456789 # comment text\nmetadata: {}\n"
        let scalars = Array(line.unicodeScalars)
        for odd in ["\u{1}", "\u{7F}", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}", "\u{9F}"] {
            for position in 0...scalars.count {
                var mutated = scalars
                mutated.insert(contentsOf: odd.unicodeScalars, at: position)
                let document = String(String.UnicodeScalarView(mutated))
                #expect(ManifestHeadReader.quickRead(document) == nil, "\(String(reflecting: document))")
            }
        }
        #expect(ManifestHeadReader.quickRead(line) == ManifestHead(kind: "abcdefghijklmnopqrstuvwxyz0123456789"))
    }

    /// The full reader decodes as Go's JSON decoder does after sigs.k8s.io/yaml
    /// (the render goldens' heads-* cases check the same against Helm), and the
    /// scanner leaves every such document to it.
    @Test func fullReaderDecodesAsGo() throws {
        let cases: [(String, ManifestHead)] = [
            ("Kind: A\n", ManifestHead(kind: "A")),
            ("KIND: B\nkind: C\n", ManifestHead(kind: "C")),
            ("kind: 5\n", ManifestHead(kind: "5")),
            ("kind: 1e3\n", ManifestHead(kind: "1000")),
            ("kind: A\nmetadata:\n  name: n\n", ManifestHead(kind: "A", name: "false")),
            ("Metadata:\n  Annotations:\n    h: null\n    i: true\n", ManifestHead(annotations: ["h": "", "i": "true"])),
            ("metadata:\n  name: a\nmetadata: null\n", ManifestHead()),
        ]
        for (document, expected) in cases {
            #expect(try ManifestHeadReader.fullRead(document) == expected, "\(String(reflecting: document))")
            #expect(ManifestHeadReader.quickRead(document) == nil, "\(String(reflecting: document))")
        }
    }

    /// Errors still come from the full reader, with Helm's text.
    @Test func errorsComeFromTheFullReader() {
        let documents = [
            "kind: A\n  b: c\n", "kind: [a\n", "kind: [5]\n", "metadata:\n  annotations:\n    a: [1]\n",
            "metadata: 5\n", "metadata:\n- a\n", "metadata:\n  name: [x]\n", "metadata:\n  annotations: x\n",
            "apiVersion: {a: 1}\n",
            "kind: A\nkind: \"a\n", "- a\n", "kind: .nan\n", "~: a\n", "a: \"\\q\"\n",
        ]
        for document in documents {
            #expect(ManifestHeadReader.quickRead(document) == nil, "\(String(reflecting: document))")
            var direct: String?
            do { _ = try ManifestHeadReader.fullRead(document) } catch { direct = "\(error)" }
            var viaRead: String?
            do { _ = try ManifestHeadReader.read(document) } catch { viaRead = "\(error)" }
            #expect(direct != nil && direct == viaRead, "\(String(reflecting: document))")
        }
    }
}

/// Small damage to a document: the kinds of mistakes templates make.
enum HeadMutator {
    static let insertions = [
        "\t", ":", ": ", " :", "\"", "'", "#", " #", "&a ", "*a", "!", "!!str ", "!!int ", "- ", "-", "? ", "{",
        "[", "}", "]", ",", "|", ">", "|-\n", "%", "@", "`", "\n", "\\", "\\x", "---", "...", "~", "null", ".nan",
        "\u{85}", "\r", " ", "  ", "\n  ", "\n- ", "kind: ", "name: ", "<<: ", "\u{FEFF}", "é", "\u{7F}", "\u{1}",
        "{}", "[]", "\"\\u00e9\"", "''", ": |\n", "0x1F", "1e999", "-.inf", "yes", "\n#", "\n\n", "a: b", "\\\"",
    ]
    static let headKeys = ["kind", "metadata", "name", "annotations", "\"kind\"", "'name'", "helm.sh/hook"]

    static func mutate(_ document: String, random: inout SplitMix64) -> String {
        var text = document
        let rounds = random.next() % 4 == 0 ? 2 : 1
        for _ in 0..<rounds { text = mutateOnce(text, random: &random) }
        return text
    }

    private static func pick(_ n: Int, _ random: inout SplitMix64) -> Int {
        n <= 0 ? 0 : Int(random.next() % UInt64(n))
    }

    private static func mutateOnce(_ document: String, random: inout SplitMix64) -> String {
        var scalars = Array(document.unicodeScalars)
        var lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = pick(lines.count, &random)
        switch pick(9, &random) {
        case 0:
            scalars.removeSubrange(pick(scalars.count + 1, &random)...)
            return String(String.UnicodeScalarView(scalars))
        case 1:
            let spaces = lines[line].prefix(while: { $0 == " " }).count
            let change = [-2, -1, 1, 2][pick(4, &random)]
            if change < 0 {
                lines[line].removeFirst(min(spaces, -change))
            } else {
                lines[line] = String(repeating: " ", count: change) + lines[line]
            }
        case 2, 3:
            let insertion = insertions[pick(insertions.count, &random)]
            scalars.insert(contentsOf: insertion.unicodeScalars, at: pick(scalars.count + 1, &random))
            return String(String.UnicodeScalarView(scalars))
        case 4:
            lines.insert(lines[line], at: pick(lines.count + 1, &random))
        case 5:
            lines.remove(at: line)
        case 6:
            lines.swapAt(line, pick(lines.count, &random))
        case 7:
            let original = lines[line]
            let indent = original.prefix(while: { $0 == " " || $0 == "-" })
            let rest = original.dropFirst(indent.count)
            let value = rest.firstIndex(of: ":").map { rest[$0...] } ?? ": x"
            lines[line] = indent + headKeys[pick(headKeys.count, &random)] + value
        default:
            let width = lines[line].utf8.count
            scalars = Array(lines[line].unicodeScalars)
            scalars.insert(contentsOf: " #c".unicodeScalars, at: pick(min(width, scalars.count) + 1, &random))
            lines[line] = String(String.UnicodeScalarView(scalars))
        }
        return lines.joined(separator: "\n")
    }

    /// Hand-picked corners of the subset and just outside it.
    static let edgeCases: [String] = [
        "kind: A\nmetadata:\n  name: a\n  name: b\n", "kind: A\n\"kind\": B\n",
        "kind: A\nmetadata:\n  annotations:\n    a: x\n    \"a\": y\n",
        "kind: A\nmetadata:\n  annotations:\n    a: x\n    a: null\n",
        "kind: A\nb: |\n  x\n c: d\n", "a:\n  - b\n  c: d\n", "a: b\n  c\n", "a: b\n\n  c\n", "a: b\n  # c\nd: e\n",
        "a: b\n  # c\n  d\n", "a: |\n\n   \n  x\n", "a: |\n  x\n\ty\n", "a: |\n  x\n \ty\n", "a: |\n  x\n  \ty\n",
        "a: |2\n   x\n", "a: |\nb: c\n", "a: >-\n  x\n  y\n\n  z\nkind: K\n", "a: |+\n  x\n\n\nkind: K\n",
        "a: 'x\n  y'\n", "a: \"x\\\n  y\"\n", "a: [a, b\n  , c]\n", "a: {a: 1, b: [2, 3], \"c\":4}\nkind: x\n",
        "a: {a:1}\n", "a: [a:1]\n", "a: [1,]\n", "a: [,1]\n", "a: {: 1}\n", "a: {~: 1}\n", "a: {<<: {b: 1}}\n",
        "<<: {kind: x}\n", "a: .inf\n", "a: [.nan]\n", "a: 1e999\n", "a: {b: -.Inf}\n", "null: a\n", "~: a\n",
        "? a\n: b\n", "- a: 1\n  b: 2\n", "kind: A\n...\n", "kind: A\n---\nkind: B\n", "%YAML 1.1\n---\nkind: A\n",
        "kind: A\r\nmetadata: {}\r\n", "kind: A #c\nmetadata:   #c\n  name: x#y\n",
        "kind: A\nmetadata:\n    name: a\n  labels: {}\n", "kind:    A   \n", "kind: \"A\"  \n", "kind: \"A\"x\n",
        "kind: \"A\"#x\n", "kind: a: b\n", "kind: a:b\n", "kind: http://x\n", "kind: -\n", "kind: - a\n", "kind: -a\n",
        "a:\n- b\n- c\nkind: d\n", "a:\n- b\n  - c\n", "a:\n  - b\n - c\n", "a:\n  -\n    b: c\n  - d\n",
        "a:\n  - - b\n", "a: !!str b\n", "a: &x b\nc: *x\n", "\u{FEFF}kind: A\n", "kind: A\u{85}b\n",
        "kind: é\nmetadata:\n  name: \"\\u00e9\\U0001F600\\x41\"\n", "kind: \"\\ud800\"\n", "kind: 'a''b'\n",
        "'kind': a\n", "kind: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\\N\\_\\L\\P\"\n",
        String(repeating: "k", count: 1100) + ": v\nkind: A\n", "kind: [a]\n", "kind: {}\n", "kind: |\n  A\n",
        "metadata: []\n", "metadata: [a]\n", "metadata: x\n", "metadata:\n- a\n", "metadata:\n  annotations: {}\n",
        "metadata:\n  annotations: {a: b}\n", "metadata:\n  annotations: [a]\n",
        "metadata:\n  annotations:\n    a: |\n      x\n", "metadata:\n  annotations:\n    1: x\n",
        "metadata:\n  annotations:\n    true: x\n", "metadata:\n  annotations:\n    a: true\n",
        "metadata:\n  name: [a]\n", "metadata:\n  name: {}\n", "metadata:\n  name:\n    a: b\n",
        "metadata:\n  name: |\n    a\n", "  kind: A\n  b: c\n", "# c\n  kind: A\n", "kind: A\n # c\n", "a:\tb\n",
        "a: b\t\n", "\tkind: A\n", "kind: A\n\t\n", "a: |\n  x\t\n", "a: `b`\n", "a: @b\n", "a: %b\n",
        "a: b #c: d\n", "a : b\n", "a: b\n c\n", "- a\n- b\n", "just text\n",
        "kind: A\nmetadata:\n  name: a\n\n\n  labels:\n    x: y\n", "kind: 2001-02-03\n", "kind: 0x10\n",
        "1: a\n1.0: b\nkind: c\n", "a:\n  b: |\n    x\n  c: d\n", "a:\n  - |\n    x\n  - y\n", "a:\n- |\n  x\n- y\n",
        "a:\n- |\n x\n", "- |\n x\n", "a: >\n\n  x\n", "a: |\n  x\n#c\nkind: A\n", "a: |\n  x\n # c\n    y\n",
        (0..<70).map { String(repeating: " ", count: $0) + "a:\n" }.joined() + String(repeating: " ", count: 70) + "b: c\n", "a: " + String(repeating: "[", count: 70),
        "kind: A\nmetadata:\n  name: a\n  annotations:\n    x: \"\"\n    y: ''\n    z:\n",
    ]
}
