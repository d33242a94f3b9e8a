// RudderFunctions: the Sprig v3.3.0 and Helm 4.1.4 template functions.
import Glibc
import RudderCore
import RudderCrypto
import RudderTemplate

/// Settings that change what some functions do or how far they may go.
public struct FunctionOptions: Sendable {
    /// `getHostByName` resolves names only when this is set (Helm's `--enable-dns`).
    public var enableDNS = false
    /// `required` and `fail` only warn in lint mode: they return "" instead of failing.
    public var lintMode = false
    /// The clock for `now` (seconds and nanoseconds since the Unix epoch).
    public var clock: @Sendable () -> (seconds: Int64, nanoseconds: Int32) = FunctionOptions.systemClock
    /// The monotonic clock `now` carries (nanoseconds since start-up; nil: none).
    public var monotonicClock: (@Sendable () -> Int64)? = FunctionOptions.systemMonotonicClock
    /// The zone `date`, `toDate` and `htmlDate` call "Local" (nil: `TZ`, then /etc/localtime).
    public var localZoneName: String? = nil
    /// The longest list `until`, `untilStep`, `seq` and `chunk` may build.
    public var maximumListLength = 1_000_000
    /// The largest string `repeat`, `indent`, `wrap` and the like may build, in bytes.
    public var maximumStringBytes = 64 << 20

    public init() {}

    /// Nanoseconds since the first use of the function library, as Go counts from process start.
    public static let systemMonotonicClock: @Sendable () -> Int64 = {
        let start = startOfProcess
        return monotonicNow() - start
    }

    static let startOfProcess: Int64 = monotonicNow()

    static func monotonicNow() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    public static let systemClock: @Sendable () -> (seconds: Int64, nanoseconds: Int32) = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (Int64(now.tv_sec), Int32(now.tv_nsec))
    }
}

/// Registers the Sprig and Helm functions. The Go builtins (`and`, `printf`,
/// `index`, ...) and `include`/`tpl` belong to the template engine.
public enum HelmFunctions {
    /// Every function with default options.
    public static let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        register(into: &registry, options: FunctionOptions())
        return registry
    }()

    /// Adds every function to `registry`, configured by `options`.
    public static func register(into registry: inout FunctionRegistry, options: FunctionOptions) {
        _ = FunctionOptions.startOfProcess
        var registrar = Registrar(registry: registry, options: options)
        registerStrings(&registrar)
        registerLists(&registrar)
        registerDicts(&registrar)
        registerDefaults(&registrar)
        registerMath(&registrar)
        registerConversion(&registrar)
        registerEncoding(&registrar)
        registerHashes(&registrar)
        registerSemver(&registrar)
        registerDates(&registrar)
        registerPaths(&registrar)
        registerReflection(&registrar)
        registerURLs(&registrar)
        registerSerialization(&registrar)
        registerRegex(&registrar)
        registerHelm(&registrar)
        CryptoFunctions.register(into: &registrar.registry)
        registerPending(&registrar)
        registry = registrar.registry
    }

    /// Names other families provide later; they fail clearly until then.
    static let pendingNames: [String] = []

    static func registerPending(_ registrar: inout Registrar) {
        for name in pendingNames where !registrar.registry.contains(name) {
            registrar.add(name, [], variadic: .any) { _ in
                throw FunctionError("function \(name) is not yet implemented in rudder")
            }
        }
    }
}

/// Collects registrations with the options at hand.
struct Registrar {
    var registry: FunctionRegistry
    let options: FunctionOptions

    mutating func add(
        _ name: String, _ parameters: [ParameterType], variadic: ParameterType? = nil,
        _ body: @escaping @Sendable ([Value]) throws -> Value
    ) {
        registry.register(
            name, TemplateFunction(parameters, variadic: variadic, isPure: !Registrar.impureNames.contains(name), body))
    }

    /// The functions of this library whose result is not given by their
    /// arguments alone: the clock, randomness, the network and the cluster.
    /// (The crypto family registers its own, all impure by default.)
    static let impureNames: Set<String> = ["now", "ago", "shuffle", "getHostByName", "lookup"]

    /// Registers `name` as another name for the already registered `original`.
    mutating func alias(_ name: String, _ original: String) {
        if let function = registry[original] { registry.register(name, function) }
    }
}

// MARK: - Argument access

/// The arguments of one call; the engine has checked count and types, but
/// bodies stay defensive: a missing or mistyped argument is an error, not a crash.
struct Arguments {
    let values: [Value]
    init(_ values: [Value]) { self.values = values }

    var count: Int { values.count }

    subscript(index: Int) -> Value { index < values.count ? values[index] : .null }

    func string(_ index: Int) throws -> String {
        switch self[index] {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case let other: throw FunctionError("wrong type for value; expected string; got \(other.goTypeName)")
        }
    }

    func int(_ index: Int) throws -> Int {
        switch self[index] {
        case .int(let i): return i
        case .int64(let i): return Int(i)
        case .float(let d) where d == d.rounded(.towardZero) && abs(d) < 9.2e18: return Int(d)
        case let other: throw FunctionError("wrong type for value; expected int; got \(other.goTypeName)")
        }
    }

    func bool(_ index: Int) throws -> Bool {
        switch self[index] {
        case .bool(let b): return b
        case let other: throw FunctionError("wrong type for value; expected bool; got \(other.goTypeName)")
        }
    }

    func map(_ index: Int) throws -> [String: Value] {
        switch self[index] {
        case .map(let m): return m
        case let other:
            throw FunctionError("wrong type for value; expected map[string]interface {}; got \(other.goTypeName)")
        }
    }

    /// Arguments from `index` on (a variadic tail).
    func rest(from index: Int) -> [Value] {
        index < values.count ? Array(values[index...]) : []
    }
}
