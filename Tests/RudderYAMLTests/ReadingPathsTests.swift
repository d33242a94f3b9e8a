import RudderCore
import RudderYAML
import Testing
import _RudderTestSupport

/// `readValues` takes a fast path (scalars placed straight into their
/// collection, no nodes); `readDocuments` builds every node through the
/// general path. Both must read every input to the same value: each golden
/// case of the values table that Helm reads as one map document, and inputs
/// that stress the builder (merge keys, anchors, aliases as keys, numbers
/// as keys, nesting, wide collections).
@Suite struct ReadingPathsTests {
    static let stressInputs: [String] = [
        "a: &x {p: 1, q: [1, 2]}\nb: *x\nc: {<<: *x, p: 3}\n",
        "base: &b {k: 1, m: {n: 2}}\nover:\n  k: 0\n  <<: *b\n  m: 5\n",
        "one: &o {a: 1}\ntwo: &t {a: 2, b: 2}\nboth:\n  <<: [*o, *t]\n  c: 3\n",
        "? &k key\n: value\nagain: *k\n",
        "1: one\n0x1F: hex\n1.5: float\ntrue: yes\nn: off\n",
        "list:\n- a\n- - b\n  - c\n- {d: [e, {f: g}]}\n- 1_000\n- 0o17\n- -0b101\n- .5\n- 1e3\n- 2001-12-14\n",
        "deep: " + String(repeating: "[", count: 50) + String(repeating: "]", count: 50) + "\n",
        "s: 'quoted: yes'\nt: \"2\"\nu: |\n  block\nv: !!str 3\nw: !!float 4\nx: !!binary aGVsbG8=\n",
        (0..<300).map { "k\($0): v\($0)\n" }.joined() + "tail: [" + (0..<300).map { "\($0)" }.joined(separator: ", ") + "]\n",
        "a: {b: {c: {d: &d [1, {e: f}]}}}\ng: [*d, *d]\nh: {<<: {i: j}}\n",
        "dup: 1\ndup: 2\nnested: {x: 1, x: {y: 2}}\n",
    ]

    static func agree(_ text: String) throws -> (Value, Value)? {
        let bytes = Array(text.utf8)
        let values: Value
        do throws(YAMLError) {
            values = try YAMLReader.readValues(bytes, file: "values.yaml")
        } catch {
            return nil
        }
        let documents = try YAMLReader.readDocuments(bytes, file: "values.yaml")
        guard documents.count == 1, let node = documents.first, case .map = node.value else { return nil }
        return (values, node.value)
    }

    @Test(arguments: stressInputs)
    func stressInputsReadAlike(_ text: String) throws {
        let pair = try #require(try Self.agree(text), "both paths read \(text.debugDescription) as a map")
        #expect(pair.0 == pair.1)
    }

    @Test func goldenCasesReadAlike() throws {
        var compared = 0
        for c in ValuesGolden.cases {
            let input = ValuesGolden.input(c)
            // One document only: readValues splits at `---` lines, readDocuments does not.
            let text = String(decoding: input, as: UTF8.self)
            if text.hasPrefix("---") || text.contains("\n---") { continue }
            guard let pair = try? Self.agree(text) else { continue }
            #expect(pair.0 == pair.1, "case \(c.name)")
            compared += 1
        }
        #expect(compared >= 100)
    }
}
