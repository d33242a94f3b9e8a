import RudderCore

/// A small JSON reader for the golden cases' `values` sections: every number
/// becomes a Go float64, as Helm reads values.yaml.
struct TestJSON {
    private let bytes: [UInt8]
    private var index = 0

    enum Failure: Error, CustomStringConvertible {
        case syntax(Int)
        var description: String {
            switch self { case .syntax(let at): return "bad JSON at byte \(at)" }
        }
    }

    static func decode(_ text: String) throws -> Value {
        var reader = TestJSON(bytes: Array(text.utf8))
        let value = try reader.value()
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw Failure.syntax(reader.index) }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        for b in literal.utf8 {
            guard index < bytes.count, bytes[index] == b else { throw Failure.syntax(index) }
            index += 1
        }
    }

    private mutating func value() throws -> Value {
        skipSpace()
        guard index < bytes.count else { throw Failure.syntax(index) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var map: [String: Value] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .map(map) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(":")
                map[key] = try value()
                skipSpace()
                guard index < bytes.count else { throw Failure.syntax(index) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect("}")
                return .map(map)
            }
        case UInt8(ascii: "["):
            index += 1
            var list: [Value] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .list(list) }
            while true {
                list.append(try value())
                skipSpace()
                guard index < bytes.count else { throw Failure.syntax(index) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                try expect("]")
                return .list(list)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default:
            let start = index
            while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
            guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw Failure.syntax(start)
            }
            return .float(number)
        }
    }

    private mutating func string() throws -> String {
        try expect("\"")
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if b != UInt8(ascii: "\\") { out.append(b); continue }
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count,
                    var code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
                else { throw Failure.syntax(index) }
                index += 4
                if code >= 0xD800 && code < 0xDC00, index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    let low = UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16)
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
            default: out.append(e)
            }
        }
        throw Failure.syntax(index)
    }
}
