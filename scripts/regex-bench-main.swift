// Benchmark for RudderRegex, compiled by scripts/regex-bench.sh together with
// Sources/RudderRegex/*.swift (swiftc -O). Prints numbers; asserts nothing.
import Glibc

setvbuf(stdout, nil, _IOLBF, 0)

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func measure(_ body: () -> Int) -> (seconds: Double, result: Int) {
    let start = now()
    let result = body()
    return (now() - start, result)
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

func format(_ value: Double, _ decimals: Int = 3) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    return String(describing: rounded)
}

print("== Hostile patterns, RudderRegex (backtracker while its visited set fits in 256K bits, else Pike VM) ==")
for length in [10_000, 100_000] {
    let cases: [(String, String)] = [
        ("^(a+)+$", String(repeating: "a", count: length) + "!"),
        ("(a|aa)*c", String(repeating: "a", count: length)),
        ("(x+x+)+y", String(repeating: "x", count: length)),
    ]
    for (pattern, input) in cases {
        guard let regex = try? GoRegex(pattern) else { continue }
        let (seconds, found) = measure { regex.matches(input) ? 1 : 0 }
        print("\(pad(pattern, 10)) n=\(pad(String(length), 8)) match=\(found == 1)  \(format(seconds * 1000, 1)) ms")
    }
}

print("\n== Hostile pattern ^(a+)+$ on a…a!, Swift Regex (backtracking) ==")
for length in [12, 14, 16] {
    let input = String(repeating: "a", count: length) + "!"
    let swiftRegex = try! Regex("^(a+)+$")
    let (seconds, found) = measure { (try? swiftRegex.wholeMatch(in: input)) != nil ? 1 : 0 }
    print("n=\(pad(String(length), 3)) match=\(found == 1)  \(format(seconds * 1000, 1)) ms")
}

// Realistic inputs: image references, hostnames, semantic versions.
var inputs: [String] = []
for index in 0..<2_000 {
    inputs.append("registry.example.com:5000/team-\(index % 17)/service-\(index):v1.\(index % 9).\(index % 31)")
    inputs.append("docker.io/library/nginx:1.\(index % 27).\(index % 5)-alpine")
    inputs.append("api-\(index).eu-west-\(index % 3).internal.example.org")
    inputs.append("not a hostname \(index)!")
    inputs.append("\(index % 4).\(index % 13).\(index % 7)-rc.\(index % 3)+build.\(index)")
    inputs.append("v\(index % 3).\(index % 10)")
}
let realistic: [(String, String)] = [
    ("image reference", #"^(?:([a-z0-9.-]+(?::\d+)?)/)?((?:[a-z0-9._-]+/)*[a-z0-9._-]+)(?::([\w][\w.-]{0,127}))?$"#),
    ("hostname", #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#),
    ("semver", #"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"#),
    ("find digits", #"\d+"#),
]

print("\n== Realistic inputs (\(inputs.count) strings), matches per second ==")
print("\(pad("pattern", 16)) \(pad("match", 12)) \(pad("submatch", 12)) \(pad("Pike VM match", 14)) \(pad("Pike VM submatch", 17)) \(pad("Swift Regex", 14))")
for (name, pattern) in realistic {
    guard let regex = try? GoRegex(pattern) else { print("\(name): does not compile"); continue }
    var pikeOnly = regex
    pikeOnly.engine = .pikeVM
    let swiftRegex = try! Regex(pattern)
    var ours = 0.0, oursSubmatch = 0.0, pike = 0.0, pikeSubmatch = 0.0, theirs = 0.0
    var agree = true
    let rounds = 3
    for _ in 0..<rounds {
        let a = measure { inputs.reduce(0) { $0 + (regex.matches($1) ? 1 : 0) } }
        let b = measure { inputs.reduce(0) { $0 + (regex.submatches($1).isEmpty ? 0 : 1) } }
        let c = measure { inputs.reduce(0) { $0 + ((try? swiftRegex.firstMatch(in: $1)) != nil ? 1 : 0) } }
        let d = measure { inputs.reduce(0) { $0 + (pikeOnly.matches($1) ? 1 : 0) } }
        let e = measure { inputs.reduce(0) { $0 + (pikeOnly.submatches($1).isEmpty ? 0 : 1) } }
        pike += d.seconds
        pikeSubmatch += e.seconds
        if d.result != c.result || e.result != c.result { agree = false }
        ours += a.seconds
        oursSubmatch += b.seconds
        theirs += c.seconds
        if a.result != c.result || b.result != c.result { agree = false }
    }
    let total = Double(inputs.count * rounds)
    func rate(_ seconds: Double) -> String { String(Int(total / seconds)) + "/s" }
    print("\(pad(name, 16)) \(pad(rate(ours), 12)) \(pad(rate(oursSubmatch), 12)) \(pad(rate(pike), 14)) \(pad(rate(pikeSubmatch), 17)) \(pad(rate(theirs), 14))\(agree ? "" : "  (match counts differ!)")")
}
