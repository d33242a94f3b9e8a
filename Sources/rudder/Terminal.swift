#if canImport(Glibc)
import Glibc
#endif

/// Output for the CLI: the only place that writes to stdout and stderr.
enum Terminal {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(2, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    return
                }
                offset += n
            }
        }
    }

    /// Whether stdout/stderr is a terminal (for colour and progress lines).
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}

/// A command failure: printed as Helm prints errors (`Error: …`), exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    /// Where Rudder can say more than Helm: an extra line after Helm's.
    var detail: String?
    var status: Int32 = 1

    init(_ message: String, detail: String? = nil, status: Int32 = 1) {
        self.message = message
        self.detail = detail
        self.status = status
    }

    var description: String { message }
}

/// Go's `time.ParseDuration`, enough for `--timeout` (`300ms`, `30s`, `5m0s`, `1h`, `1.5h`).
enum GoDuration {
    static func seconds(_ text: String) -> Double? {
        var rest = Substring(text)
        var negative = false
        if rest.hasPrefix("-") || rest.hasPrefix("+") {
            negative = rest.hasPrefix("-")
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ns": scale = 1e-9
            case "us", "µs", "μs": scale = 1e-6
            case "ms": scale = 1e-3
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return nil
            }
            total += value * scale
        }
        return negative ? -total : total
    }
}

/// `--generate-name`: Helm's `<chart name>-<unix seconds>`.
enum GeneratedName {
    static func make(chartPath: String) -> String {
        let base = chartPath.split(separator: "/").last.map(String.init) ?? chartPath
        var name = base
        if name.hasSuffix(".tgz") { name.removeLast(4) }
        return "\(name)-\(time(nil))"
    }
}
