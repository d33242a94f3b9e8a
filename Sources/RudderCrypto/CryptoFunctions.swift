// RudderCrypto: Sprig v3.3.0's crypto, certificate, password, random and UUID functions.
import RudderCore
import RudderTemplate

/// Registers Sprig's crypto, certificate, password, random and UUID functions
/// (`genCA`, `genSignedCert`, `bcrypt`, `derivePassword`, `encryptAES`,
/// `randAlpha`, `uuidv4` and the rest), with Sprig's behaviour and formats.
public enum CryptoFunctions {
    /// The longest string or byte count the `rand*` functions produce: 1 MiB.
    /// Larger requests fail before anything is allocated (Helm runs out of memory).
    public static let maximumRandomLength = 1 << 20

    /// The longest validity a certificate may ask for, in days (Go's `time.Duration`
    /// overflows past about 106,751 days; the rest of the range is refused too).
    public static let maximumValidityDays = 106_751

    /// Adds every function of this family to `registry`.
    public static func register(into registry: inout FunctionRegistry) {
        registerRandom(into: &registry)
        registerPasswords(into: &registry)
        registerKeysAndCertificates(into: &registry)
    }

    static func add(
        _ registry: inout FunctionRegistry, _ name: String, _ parameters: [ParameterType],
        _ body: @escaping @Sendable (CryptoArguments) throws -> Value
    ) {
        registry.register(name, TemplateFunction(parameters) { values in try body(CryptoArguments(values)) })
    }
}

/// The arguments of one call. The engine has checked count and types already;
/// the accessors stay defensive so a mismatch is an error, never a crash.
struct CryptoArguments {
    let values: [Value]
    init(_ values: [Value]) { self.values = values }

    subscript(index: Int) -> Value { index < values.count ? values[index] : .null }

    func string(_ index: Int) throws -> String {
        switch self[index] {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case let other: throw FunctionError("wrong type for value; expected string; got \(other.goTypeName)")
        }
    }

    /// The bytes of a string argument, exactly as Go sees a string.
    func bytes(_ index: Int) throws -> [UInt8] {
        switch self[index] {
        case .bytes(let b): return b
        default: return Array(try string(index).utf8)
        }
    }

    func int(_ index: Int) throws -> Int {
        switch self[index] {
        case .int(let i): return i
        case .int64(let i): return Int(i)
        case let other: throw FunctionError("wrong type for value; expected int; got \(other.goTypeName)")
        }
    }

    /// A `[]interface{}` argument; nil is an empty list, as Go's nil slice.
    func list(_ index: Int) throws -> [Value] {
        switch self[index] {
        case .null: return []
        case .list(let l): return l
        case let other: throw FunctionError("wrong type for value; expected []interface {}; got \(other.goTypeName)")
        }
    }
}
