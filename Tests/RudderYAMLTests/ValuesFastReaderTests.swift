import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport

/// `ValuesFastReader` answers only when it is sure: whatever it reads must be
/// exactly what Helm reads (the values goldens) and what the full libyaml
/// reader reads (every YAML file of the repository, and many variants of
/// them cut, re-indented and spiked with YAML's special characters).
@Suite struct ValuesFastReaderTests {
    /// The full reader's answer, or nil when it fails.
    static func full(_ bytes: [UInt8]) -> Value? {
        try? YAMLReader.readValues(bytes, file: "values.yaml")
    }

    /// Every `.yaml` file under `directory`, recursively.
    static func yamlFiles(under directory: String) -> [String] {
        guard let names = try? FileSystem.list(directory) else { return [] }
        var found: [String] = []
        for name in names.sorted() where name != "." && name != ".." {
            let path = directory + "/" + name
            if FileSystem.kind(of: path) == .directory {
                found += yamlFiles(under: path)
            } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                found.append(path)
            }
        }
        return found
    }

    static let corpus: [(path: String, bytes: [UInt8])] = {
        let root = GoldenCases.repositoryRoot()
        var files: [(String, [UInt8])] = []
        for folder in ["charts", "Tests/Fixtures", "Tests/Golden", "integrations"] {
            for path in yamlFiles(under: root + "/" + folder) {
                if let bytes = try? FileSystem.read(path, limit: 1 << 20) { files.append((path, bytes)) }
            }
        }
        return files
    }()

    /// Hand-written documents with every form the fast reader takes, and some it leaves.
    static let seeds: [String] = [
        "a: 1\nb: two\nc:\n  d: [] # none\n  e: {}\nf:\n- x\n- 'y''s'\n- \"z\"\n",
        "list:\n  - name: a\n    ports:\n    - 80\n    - 443\n  - name: b\n    empty:\n  -\n    nested: yes\n",
        "# only a comment\n\n   \n",
        "  indented: root\n  other: 2\n",
        "keys:\n  1: one\n  1.5: x\n  true: t\n  \"quoted key\": q\n  'single': s\n  2001-12-14: date\n  on: yes\n",
        "numbers: [1, 2]\nflow: {a: 1}\nanchor: &a 1\nalias: *a\nblock: |\n  text\n",
        "plain: a:b c#d e\nurl: http://example.com:8080/x\nneg: -1\nhex: 0x1F\noctal: 0o17\nexp: 1e3\nunder: 1_000\n",
        "nothing: ~\nnull: null\nempty: ''\ntilde: '~'\ntime: 2024-01-02T03:04:05Z\n",
        "a:\n  b:\n    c:\n      d:\n        - - x\n",
        "a: 1\na: 2\nb:\n  c: 1\nb: 3\n",
        "<<: {a: 1}\n",
        "s: \"with \\\"escape\\\"\"\n",
        "t: 'multi\n  line'\n",
        "u: plain\n  continued\n",
        "v: .inf\nw: .nan\n",
        "x:\n- a\n-  b\n-   - c\n",
        "top\n",
        "- a\n- b\n",
        "k: v\n  bad: 1\n",
        "k: 'a' # c\nl: \"b\"#c\n",
    ]

    @Test func agreesWithHelmOnTheValuesGoldens() {
        var readFast = 0
        for c in ValuesGolden.cases {
            guard let fast = ValuesFastReader.read(ValuesGolden.input(c)) else { continue }
            readFast += 1
            #expect(c["error"] == nil, "\(c.name): Helm fails with \(c["error"] ?? "")")
            #expect(JSONWriter.encode(.map(fast)) == c["json"], "\(c.name)")
        }
        #expect(readFast >= 50)
    }

    @Test func agreesWithTheFullReaderOnEveryRepositoryFile() {
        var readFast = 0
        for (path, bytes) in Self.corpus {
            guard let fast = ValuesFastReader.read(bytes) else { continue }
            readFast += 1
            #expect(Self.full(bytes) == .map(fast), "\(path)")
        }
        #expect(Self.corpus.count >= 500)
        #expect(readFast >= 400)
    }

    @Test func readsTheBundledDepartmentsAndValues() throws {
        let root = GoldenCases.repositoryRoot()
        for chart in ["anything-llm", "lobe-chat"] {
            let folder = root + "/charts/" + chart
            var paths = [folder + "/values.yaml"]
            paths += try FileSystem.list(folder + "/departments").filter { $0.hasSuffix(".yaml") }.map { folder + "/departments/" + $0 }
            #expect(paths.count >= 3)
            for path in paths {
                let bytes = try FileSystem.read(path)
                let fast = ValuesFastReader.read(bytes)
                #expect(fast != nil, "\(path)")
                #expect(fast.map(Value.map) == Self.full(bytes), "\(path)")
            }
        }
    }

    @Test func seedsAgreeWithTheFullReader() {
        var readFast = 0
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            guard let fast = ValuesFastReader.read(bytes) else { continue }
            readFast += 1
            #expect(Self.full(bytes) == .map(fast), "\(seed)")
        }
        #expect(readFast >= 6)
    }

    /// What the parser takes for granted is refused before it starts.
    @Test func leavesUnusualCharactersToTheFullReader() {
        let refused = [
            "a: 1\r\nb: 2\n", "\u{FEFF}a: 1\n", "a: x\u{85}y\n", "a: x\u{2028}y\n", "a: \u{7}\n",
            "---\na: 1\n", "a: 1\n...\n", "a: 1\n--- # c\nb: 2\n", "a:\tb\n", "a: 1\n\tb: 2\n",
        ]
        for text in refused {
            #expect(ValuesFastReader.read(Array(text.utf8)) == nil, "\(text)")
        }
        #expect(ValuesFastReader.read(Array("a: 1\nb: x---y\n".utf8)) == ["a": .float(1), "b": .string("x---y")])
    }


    static let spikes = [
        ":", ": ", " #", "#", "'", "\"", "- ", "-", "[", "]", "{}", "[]", "{", "&a ", "*a", "!", "!!str ", "|", ">",
        "~", "null", "<<: ", "\\", "yes", "1e3", ".nan", ".inf", "0x1F", "2001-12-14", "a: b", "? ", " ", "  ", "%",
        "@", "`", ",", "\t", "---", "...", "é", "\u{2028}", "''", "\"\"", "-1", "1_0", "+", "0o7", ": x", "\n",
    ]

    /// One variant of `lines`: a line cut, repeated, re-indented or spiked.
    static func variant(of lines: [[UInt8]], _ generator: inout SplitMix64) -> [UInt8] {
        var lines = lines
        guard !lines.isEmpty else { return [] }
        for _ in 0...generator.next(2) {
            let index = generator.next(lines.count)
            switch generator.next(6) {
            case 0:
                lines.remove(at: index)
                if lines.isEmpty { return [] }
            case 1:
                lines.insert(lines[index], at: index)
            case 2:
                lines[index] = Array(repeating: UInt8(ascii: " "), count: 1 + generator.next(3)) + lines[index]
            case 3:
                if lines[index].first == UInt8(ascii: " ") { lines[index].removeFirst() }
            default:
                let spike = Array(spikes[generator.next(spikes.count)].utf8)
                let at = generator.next(lines[index].count + 1)
                lines[index].insert(contentsOf: spike, at: at)
            }
        }
        var bytes: [UInt8] = []
        for line in lines { bytes += line + [UInt8(ascii: "\n")] }
        return bytes
    }

    @Test func variantsAgreeWithTheFullReader() {
        var documents = Self.seeds.map { Array($0.utf8) }
        documents += Self.corpus.map(\.bytes).filter { $0.count < 4_000 }.prefix(150)
        var generator = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        var readFast = 0
        var disagreements = 0
        var variants = 0
        for document in documents {
            let lines = document.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            for _ in 0..<100 {
                let bytes = Self.variant(of: lines, &generator)
                variants += 1
                guard let fast = ValuesFastReader.read(bytes) else { continue }
                readFast += 1
                if Self.full(bytes) != .map(fast) {
                    disagreements += 1
                    if disagreements <= 5 { Issue.record("fast and full readers differ on:\n\(String(decoding: bytes, as: UTF8.self))") }
                }
            }
        }
        #expect(disagreements == 0)
        #expect(variants >= 10_000)
        #expect(readFast >= variants / 4)
    }
}
