// Measurement driver for scripts/yaml-bench.sh and scripts/yaml-hostile.sh
// (not part of the package). Usage:
//   yaml-driver values FILE [REPEAT]   read FILE with YAMLReader.readValues, print MB/s
//   yaml-driver json FILE [REPEAT]     read FILE with JSONReader.parse
//   yaml-driver toyaml FILE [REPEAT]   read FILE as values, time YAMLWriter.marshal (toYaml)
//   yaml-driver tojson FILE [REPEAT]   read FILE as values, time JSONWriter.encode (toJson)
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

@main
struct Driver {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 3 else {
            print("usage: yaml-driver values|json|toyaml|tojson FILE [REPEAT]")
            exit(2)
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
