import Glibc
import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerDefaults(_ r: inout Registrar) {
        r.add("default", [.any], variadic: .any) { a in
            let args = Arguments(a)
            if args.count < 2 || Cast.isEmpty(args[1]) { return args[0] }
            return args[1]
        }
        r.add("empty", [.any]) { a in .bool(Cast.isEmpty(Arguments(a)[0])) }
        r.add("coalesce", [], variadic: .any) { a in a.first { !Cast.isEmpty($0) } ?? .null }
        r.add("all", [], variadic: .any) { a in .bool(a.allSatisfy { !Cast.isEmpty($0) }) }
        r.add("any", [], variadic: .any) { a in .bool(a.contains { !Cast.isEmpty($0) }) }
    }

    /// Helm's own functions (pkg/engine/funcs.go and engine.go), less include and tpl.
    static func registerHelm(_ r: inout Registrar) {
        let lintMode = r.options.lintMode
        let enableDNS = r.options.enableDNS
        r.add("required", [.string, .any]) { a in
            let args = Arguments(a)
            let value = args[1]
            if value.isNull || value == .string("") {
                if lintMode { return .string("") }
                throw FunctionError.helmFailure(try args.string(0))
            }
            return value
        }
        r.add("fail", [.string]) { a in
            if lintMode { return .string("") }
            throw FunctionError.helmFailure(try Arguments(a).string(0))
        }
        r.add("lookup", [.string, .string, .string, .string]) { _ in .map([:]) }
        r.add("getHostByName", [.string]) { a in
            guard enableDNS else { return .string("") }
            // Sprig picks one of the addresses with rand.Intn(len): with none,
            // Go panics with this text and Helm reports it.
            guard let address = resolveHost(try Arguments(a).string(0)) else {
                throw FunctionError("invalid argument to Intn")
            }
            return .string(address)
        }
    }

    /// The first address `getaddrinfo` gives for `name` (Sprig picks one at random), or nil for none.
    static func resolveHost(_ name: String) -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &result) == 0, let first = result else { return nil }
        defer { freeaddrinfo(result) }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(first.pointee.ai_addr, first.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func registerConversion(_ r: inout Registrar) {
        r.add("int", [.any]) { a in .int(Int(Cast.int64(Arguments(a)[0]))) }
        r.add("int64", [.any]) { a in .int64(Cast.int64(Arguments(a)[0])) }
        r.add("float64", [.any]) { a in .float(Cast.float64(Arguments(a)[0])) }
        r.add("atoi", [.string]) { a in .int(Cast.atoi(try Arguments(a).string(0)) ?? 0) }
        r.add("toDecimal", [.any]) { a in
            let text = Cast.string(Arguments(a)[0])
            var body = Substring(text)
            var negative = false
            if body.first == "+" || body.first == "-" { negative = body.first == "-"; body = body.dropFirst() }
            guard !body.isEmpty, let magnitude = Cast.parseUnsigned(Array(body.utf8)[...], base: 8, underscores: false),
                magnitude <= UInt64(Int64.max)
            else { return .int64(0) }
            return .int64(negative ? -Int64(magnitude) : Int64(magnitude))
        }
    }

    /// Go's `reflect.Kind` name (a host object says its own).
    static func kindName(_ value: Value) -> String {
        value.goKindName
    }

    static func registerReflection(_ r: inout Registrar) {
        r.add("typeOf", [.any]) { a in .string(Arguments(a)[0].goTypeName) }
        r.add("kindOf", [.any]) { a in .string(kindName(Arguments(a)[0])) }
        r.add("typeIs", [.string, .any]) { a in
            let args = Arguments(a)
            return .bool(try args.string(0) == args[1].goTypeName)
        }
        r.add("typeIsLike", [.string, .any]) { a in
            let args = Arguments(a)
            let target = try args.string(0), name = args[1].goTypeName
            return .bool(target == name || "*" + target == name)
        }
        r.add("kindIs", [.string, .any]) { a in
            let args = Arguments(a)
            return .bool(try args.string(0) == kindName(args[1]))
        }
        r.add("deepEqual", [.any, .any]) { a in
            let args = Arguments(a)
            return .bool(Cast.deepEqual(args[0], args[1]))
        }
    }
}
