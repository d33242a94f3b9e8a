import RudderCore
import RudderYAML

/// `Chart.lock` as Helm re-marshals it into archives: the parsed lock
/// (`generated`, `digest`, `dependencies`) written back through encoding/json,
/// so the time is in RFC 3339 with trailing zeros of the fraction dropped and
/// a zero offset written `Z`, and dependency fields follow their JSON tags.
enum ChartLockFile {
    static func marshal(_ data: [UInt8]) throws(ChartError) -> String {
        let document: Value
        do {
            document = try YAMLBridge.readDocument(data, file: "Chart.lock")
        } catch {
            throw error.wrapped("cannot load Chart.lock")
        }
        var map: [String: Value] = [:]
        if case .map(let fields) = document { map = fields }
        var generated = "0001-01-01T00:00:00Z"
        if case .string(let text)? = map["generated"] {
            guard let normalised = normaliseTime(text) else {
                throw ChartError("cannot load Chart.lock: parsing time \(goQuote(text)) as RFC 3339 failed", file: "Chart.lock",
                                 fix: "`generated:` must be an RFC 3339 time such as 2024-01-02T03:04:05Z")
            }
            generated = normalised
        }
        var digest = ""
        if case .string(let text)? = map["digest"] { digest = text }
        var dependencies: Value = .null
        if let list = map["dependencies"], case .list = list {
            let decoded: ChartMetadata
            do {
                decoded = try ChartMetadata(decoding: .map(["dependencies": list]))
            } catch {
                throw error.wrapped("cannot load Chart.lock")
            }
            dependencies = .list(decoded.dependencies.map(\.marshalledValue))
        }
        return YAMLWriter.marshal(.map(["generated": .string(generated), "digest": .string(digest), "dependencies": dependencies]))
    }

    /// An RFC 3339 time in Go's `RFC3339Nano` output form, or nil when it is not one.
    static func normaliseTime(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 } }
        guard digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7), bytes[7] == UInt8(ascii: "-"), digits(8..<10),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), digits(11..<13),
              bytes[13] == UInt8(ascii: ":"), digits(14..<16), bytes[16] == UInt8(ascii: ":"), digits(17..<19)
        else { return nil }
        var index = 19
        var fraction: [UInt8] = []
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction.append(bytes[index])
                index += 1
            }
            guard !fraction.isEmpty, fraction.count <= 9 else { return nil }
        }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        let zone = Array(bytes[index...])
        var zoneText: String
        if zone == [UInt8(ascii: "Z")] || zone == [UInt8(ascii: "z")] {
            zoneText = "Z"
        } else if zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
                  zone[3] == UInt8(ascii: ":"), [1, 2, 4, 5].allSatisfy({ zone[$0] >= 0x30 && zone[$0] <= 0x39 }) {
            zoneText = String(decoding: zone, as: UTF8.self)
            if zone[1...] == Array("00:00".utf8)[...] { zoneText = "Z" }
        } else {
            return nil
        }
        var result = String(decoding: bytes[0..<10], as: UTF8.self) + "T" + String(decoding: bytes[11..<19], as: UTF8.self)
        if !fraction.isEmpty { result += "." + String(decoding: fraction, as: UTF8.self) }
        return result + zoneText
    }
}
