// Measurement driver for scripts/yaml-bench.sh and scripts/yaml-hostile.sh
// (not part of the package). Usage:
//   yaml-driver values FILE [REPEAT]   read FILE with YAMLReader.readValues, print MB/s
//   yaml-driver json FILE [REPEAT]     read FILE with JSONReader.parse
//   yaml-driver toyaml FILE [REPEAT]   read FILE as values, time YAMLWriter.marshal (toYaml)
//   yaml-driver tojson FILE [REPEAT]   read FILE as values, time JSONWriter.encode (toJson)
//   yaml-driver subtrees FILE [REPEAT] read FILE as values, then toYaml every map and list
//                                      in it, one call each (what charts do: toYaml .Values.x)
//   yaml-driver dump SEED COUNT        toYaml and toYamlPretty of COUNT generated values (tricky
//                                      strings, keys, numbers), for comparing two builds' output
// The rates of toyaml and tojson are output bytes per CPU second. Each pass
// is a separate non-inlined function, so that callgrind's
// --toggle-collect='*readValuesPass*' (or writePass) counts exactly it.
import Glibc
import RudderCore
import RudderYAML

/// CPU time of this process: steadier than wall time on a shared machine.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func format1(_ x: Double) -> String {
    let tenths = Int((x * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}

func fail(_ error: YAMLError, after start: Double) -> Never {
    let elapsed = now() - start
    print("error after \(String(Int(elapsed * 1000))) ms: \(error)")
    print("helm: \(error.helmMessage)")
    exit(1)
}

@inline(never)
func readValuesPass(_ bytes: [UInt8], file: String) throws(YAMLError) -> Value {
    try YAMLReader.readValues(bytes, file: file)
}

@inline(never)
func readJSONPass(_ bytes: [UInt8], file: String) throws(YAMLError) -> Value {
    try JSONReader.parse(bytes, file: file)
}

@inline(never)
func writePass(_ value: Value, json: Bool) -> String {
    json ? JSONWriter.encode(value) : YAMLWriter.marshal(value)
}

/// SplitMix64: a small deterministic generator.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// Values whose YAML forms exercise the writer's corners.
enum ValueGenerator {
    static let pieces: [String] = [
        "", " ", "  ", "a", "abc", "Word", "yes", "No", "null", "~", "1", "-1", "0x1F", "1e3", "1.5", ".inf", "-.Inf",
        "2001-02-03", "190:20:30", "1_000", "0b101", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x", "-", "? x", "?x",
        ":x", ": x", "[a]", "{a}", ",", "&a", "*a", "!a", "|", ">", "'q'", "\"dq\"", "%x", "@x", "`x", "---", "...",
        "a\nb", "a\n", "\n", "\n\n", "a \n b", " a", "a ", "\t", "a\tb", "é", "日本語", "\u{85}", "\u{2028}",
        "\u{2029}", "\u{FEFF}", "\u{7F}", "\u{1}", "\u{9F}", "\u{A0}", "😀", "\r\n", "\r", "\\", "\u{E000}",
        "\u{FFFD}", "\u{FFFE}", "e\u{301}", "---\u{301}",
        "the quick brown fox jumps over the lazy dog and keeps running far beyond the eightieth column",
        "averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongword x",
        String(repeating: "k", count: 130), String(repeating: "w ", count: 50),
    ]

    static func string(_ random: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<(1 + random.below(4)) { s += pieces[random.below(pieces.count)] }
        return s
    }

    static func value(depth: Int, random: inout SplitMix64) -> Value {
        let choice = random.below(depth >= 4 ? 7 : 10)
        switch choice {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2:
            let ints: [Int] = [0, 1, -1, 42, Int.max, Int.min, 1_000_000]
            return .int(ints[random.below(ints.count)])
        case 3:
            let floats: [Double] = [0, -0.0, 1.5, 1e21, 1e20, 1e-7, 123456789.125, 1e6, -2.5e-10, .nan, .infinity, 3]
            return .float(floats[random.below(floats.count)])
        case 4: return .int64(Int64(random.below(1000)) - 500)
        case 5: return .bytes(Array(string(&random).utf8))
        case 6: return .string(string(&random))
        case 7, 8:
            var m: [String: Value] = [:]
            for _ in 0..<random.below(6) { m[string(&random)] = value(depth: depth + 1, random: &random) }
            return .map(m)
        default:
            var l: [Value] = []
            for _ in 0..<random.below(5) { l.append(value(depth: depth + 1, random: &random)) }
            return .list(l)
        }
    }
}

/// Every map and list in `value` (itself included), depth first.
func collectSubtrees(_ value: Value, into out: inout [Value]) {
    switch value {
    case .map(let m):
        out.append(value)
        for key in m.keys.sorted() { collectSubtrees(m[key] ?? .null, into: &out) }
    case .list(let l):
        out.append(value)
        for item in l { collectSubtrees(item, into: &out) }
    default:
        break
    }
}

@inline(never)
func subtreesPass(_ subtrees: [Value]) -> Int {
    var total = 0
    for subtree in subtrees { total += writePass(subtree, json: false).utf8.count }
    return total
}

@main
struct Driver {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 3 else {
            print("usage: yaml-driver values|json|toyaml|tojson FILE [REPEAT]")
            exit(2)
        }
        if args[1] == "dump" {
            var random = SplitMix64(seed: UInt64(args[2]) ?? 1)
            let count = args.count > 3 ? Int(args[3]) ?? 1000 : 1000
            var out = ""
            for index in 0..<count {
                let value = ValueGenerator.value(depth: 0, random: &random)
                out += "#### \(index) toYaml\n"
                do throws(YAMLWriter.EncodingError) {
                    out += try YAMLWriter.marshalChecked(value)
                } catch {
                    out += "error: \(error.message)\n"
                }
                out += "#### \(index) toYamlPretty\n" + YAMLWriter.marshalPretty(value)
                if index % 200 == 0 {
                    print(out, terminator: "")
                    out = ""
                }
            }
            print(out, terminator: "")
            return
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(args[2])
        } catch {
            print("cannot read \(args[2]): \(error)")
            exit(2)
        }
        let mode = args[1]
        let repeats = args.count > 3 ? max(Int(args[3]) ?? 1, 1) : 1
        var best = Double.infinity
        var outputBytes = 0
        if mode == "subtrees" {
            let value: Value
            let start = now()
            do { value = try YAMLReader.readValues(bytes, file: args[2]) } catch { fail(error, after: start) }
            var subtrees: [Value] = []
            collectSubtrees(value, into: &subtrees)
            for _ in 0..<repeats {
                let start = now()
                outputBytes = subtreesPass(subtrees)
                best = min(best, now() - start)
            }
            print("ok: \(subtrees.count) calls, \(outputBytes) bytes written in \(Int(best * 1_000_000)) us CPU")
            return
        }
        if mode == "toyaml" || mode == "tojson" {
            let value: Value
            let start = now()
            do { value = try YAMLReader.readValues(bytes, file: args[2]) } catch { fail(error, after: start) }
            for _ in 0..<repeats {
                let start = now()
                let text = writePass(value, json: mode == "tojson")
                best = min(best, now() - start)
                outputBytes = text.utf8.count
            }
            let megabytes = Double(outputBytes) / 1_000_000
            print("ok: \(outputBytes) bytes written in \(Int(best * 1000)) ms CPU: \(format1(megabytes / best)) MB/s")
            return
        }
        for _ in 0..<repeats {
            // The result is freed after the clock stops: this measures parsing.
            var result: Value = .null
            let start = now()
            do {
                switch mode {
                case "json": result = try readJSONPass(bytes, file: args[2])
                default: result = try readValuesPass(bytes, file: args[2])
                }
            } catch {
                fail(error, after: start)
            }
            best = min(best, now() - start)
            if case .null = result { print("(empty)") }
        }
        let megabytes = Double(bytes.count) / 1_000_000
        print("ok: \(bytes.count) bytes in \(Int(best * 1000)) ms CPU: \(format1(megabytes / best)) MB/s")
    }
}
