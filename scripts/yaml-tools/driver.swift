// Measurement driver for scripts/yaml-bench.sh and scripts/yaml-hostile.sh
// (not part of the package). Usage:
//   yaml-driver values FILE [REPEAT]   read FILE with YAMLReader.readValues, print MB/s
//   yaml-driver json FILE              read FILE with JSONReader.parse
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

@main
struct Driver {
    static func main() {
        let args = CommandLine.arguments
        guard args.count >= 3 else {
            print("usage: yaml-driver values|json FILE [REPEAT]")
            exit(2)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(args[2])
        } catch {
            print("cannot read \(args[2]): \(error)")
            exit(2)
        }
        let repeats = args.count > 3 ? max(Int(args[3]) ?? 1, 1) : 1
        var best = Double.infinity
        for _ in 0..<repeats {
            // The result is freed after the clock stops: this measures parsing.
            var result: Value = .null
            let start = now()
            do {
                switch args[1] {
                case "json": result = try JSONReader.parse(bytes, file: args[2])
                default: result = try YAMLReader.readValues(bytes, file: args[2])
                }
            } catch {
                let elapsed = now() - start
                print("error after \(String(Int(elapsed * 1000))) ms: \(error)")
                print("helm: \(error.helmMessage)")
                exit(1)
            }
            best = min(best, now() - start)
            if case .null = result { print("(empty)") }
        }
        let megabytes = Double(bytes.count) / 1_000_000
        print("ok: \(bytes.count) bytes in \(Int(best * 1000)) ms CPU: \(format1(megabytes / best)) MB/s")
    }
}
