/// PEM blocks as Go's `encoding/pem` writes and reads them.
enum PEM {
    struct Block {
        var type: String
        var bytes: [UInt8]
    }

    /// `-----BEGIN TYPE-----`, base64 in 64-column lines, `-----END TYPE-----`, each line ending in "\n".
    static func encode(type: String, bytes: [UInt8]) -> String {
        let body = Array(Base64.encode(bytes).utf8)
        var out = "-----BEGIN \(type)-----\n"
        var index = 0
        while index < body.count {
            let end = min(index + 64, body.count)
            out += String(decoding: body[index..<end], as: UTF8.self) + "\n"
            index = end
        }
        return out + "-----END \(type)-----\n"
    }

    /// The first PEM block in `text`, or nil when there is none that decodes
    /// (`pem.Decode`; header lines such as `Proc-Type:` are skipped).
    static func decode(_ text: String) -> Block? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("-----BEGIN "), line.hasSuffix("-----"), line.count > 16 else { continue }
            let type = String(line.dropFirst(11).dropLast(5))
            var body = ""
            var closed = false
            var scan = index
            while scan < lines.count {
                let bodyLine = lines[scan]
                scan += 1
                if bodyLine == "-----END \(type)-----" {
                    closed = true
                    break
                }
                if bodyLine.contains(":") { continue }
                body += bodyLine.filter { $0 != " " && $0 != "\t" }
            }
            if closed, let bytes = try? Base64.decode(body) { return Block(type: type, bytes: bytes) }
        }
        return nil
    }
}
