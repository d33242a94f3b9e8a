import RudderCore

/// The parameter types the engine checks arguments against: the registry's
/// `ParameterType`s plus Go's `reflect.Value` parameters of the builtins.
enum ArgumentType: Equatable, Sendable {
    case any
    case reflectValue
    case string
    case int
    case int64
    case float64
    case bool
    case list
    case map

    init(_ type: ParameterType) {
        switch type {
        case .any: self = .any
        case .string: self = .string
        case .int: self = .int
        case .int64: self = .int64
        case .float64: self = .float64
        case .bool: self = .bool
        case .list: self = .list
        case .map: self = .map
        }
    }

    var goName: String {
        switch self {
        case .any: return "interface {}"
        case .reflectValue: return "reflect.Value"
        case .string: return "string"
        case .int: return "int"
        case .int64: return "int64"
        case .float64: return "float64"
        case .bool: return "bool"
        case .list: return "[]interface {}"
        case .map: return "map[string]interface {}"
        }
    }

    var canBeNil: Bool {
        switch self {
        case .any, .reflectValue, .list, .map: return true
        default: return false
        }
    }

    func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.any, _), (.reflectValue, _): return true
        case (.string, .string), (.int, .int), (.int64, .int64), (.float64, .float), (.bool, .bool),
            (.list, .list), (.map, .map):
            return true
        default: return false
        }
    }
}

extension Executor {
    /// pipeline: each command's result is the next command's final argument.
    func evaluatePipeline(_ dot: Evaluated, _ pipeline: Pipeline) throws(ExecutionSignal) -> Evaluated {
        try checkStack()
        current = .pipeline(pipeline)
        var value: Evaluated?
        for command in pipeline.commands {
            value = try evaluateCommand(dot, command, final: value).unboxed
        }
        let result = value ?? Evaluated.invalid
        for name in pipeline.declarations {
            if pipeline.isAssign {
                try setVariable(name, result)
            } else {
                push(name, result)
            }
        }
        return result
    }

    func notAFunction(_ operands: [Operand], final: Evaluated?) throws(ExecutionSignal) {
        if operands.count > 1 || final != nil {
            throw error("can't give argument to non-function \(operands[0].description)")
        }
    }

    func evaluateCommand(_ dot: Evaluated, _ command: Command, final: Evaluated?) throws(ExecutionSignal) -> Evaluated {
        let first = command.operands[0]
        switch first {
        case .field(_, let names):
            current = .operand(first)
            return try evaluateFieldChain(dot, receiver: dot, node: first, names: names, arguments: command.operands, final: final)
        case .chain:
            return try evaluateChain(dot, first, arguments: command.operands, final: final)
        case .identifier(_, let function):
            return try evaluateFunction(dot, first, function: function, command: command, arguments: command.operands, final: final)
        case .pipeline(let pipeline):
            try notAFunction(command.operands, final: final)
            return try evaluatePipeline(dot, pipeline)
        case .variable:
            return try evaluateVariable(dot, first, arguments: command.operands, final: final)
        default:
            break
        }
        current = .operand(first)
        try notAFunction(command.operands, final: final)
        switch first {
        case .bool(_, let value): return Evaluated(.bool(value))
        case .dot: return dot
        case .nil: throw error("nil is not a command")
        case .number(let number): return try idealConstant(number)
        case .string(_, _, let value): return Evaluated(.string(value))
        default: throw error("can't evaluate command \(GoQuote.quote(first.description))")
        }
    }

    /// A number literal with no type context: int, or float64 when written as one.
    func idealConstant(_ number: NumberLiteral) throws(ExecutionSignal) -> Evaluated {
        current = .operand(.number(number))
        if number.isFloatLiteral && !number.isCharacter {
            return Evaluated(.float(number.floatValue))
        }
        if number.isInt { return Evaluated(.int(Int(number.intValue))) }
        if number.isUnsignedOnly { throw error("\(number.text) overflows int") }
        return .invalid
    }

    func evaluateVariable(_ dot: Evaluated, _ operand: Operand, arguments: [Operand]?, final: Evaluated?) throws(ExecutionSignal) -> Evaluated {
        guard case .variable(_, let name, let fields) = operand else { return .invalid }
        current = .operand(operand)
        let value = try variableValue(name)
        if fields.isEmpty {
            try notAFunction(arguments ?? [operand], final: final)
            return value
        }
        return try evaluateFieldChain(dot, receiver: value, node: operand, names: fields, arguments: arguments, final: final)
    }

    func evaluateChain(_ dot: Evaluated, _ operand: Operand, arguments: [Operand]?, final: Evaluated?) throws(ExecutionSignal) -> Evaluated {
        guard case .chain(_, let base, let fields) = operand else { return .invalid }
        current = .operand(operand)
        if case .nil = base { throw error("indirection through explicit nil in \(operand.description)") }
        let receiver = try evaluateArgument(dot, base, type: nil)
        return try evaluateFieldChain(dot, receiver: receiver, node: operand, names: fields, arguments: arguments, final: final)
    }

    func evaluateFieldChain(
        _ dot: Evaluated, receiver: Evaluated, node: Operand, names: [String], arguments: [Operand]?, final: Evaluated?
    ) throws(ExecutionSignal) -> Evaluated {
        var receiver = receiver
        for name in names.dropLast() {
            receiver = try evaluateField(dot, name: name, node: node, arguments: nil, final: nil, receiver: receiver)
        }
        return try evaluateField(dot, name: names[names.count - 1], node: node, arguments: arguments, final: final, receiver: receiver)
    }

    func evaluateField(
        _ dot: Evaluated, name: String, node: Operand, arguments: [Operand]?, final: Evaluated?, receiver: Evaluated
    ) throws(ExecutionSignal) -> Evaluated {
        if receiver.isInvalid {
            if options.missingKey == .error { throw error("nil data; no entry for key \(GoQuote.quote(name))") }
            return .invalid
        }
        let hasArguments = (arguments?.count ?? 0) > 1 || final != nil
        switch receiver.value {
        case .null:
            throw error("nil pointer evaluating \(receiver.typeName).\(name)")
        case .map(let map):
            if hasArguments { throw error("\(name) is not a method but has arguments") }
            if let element = map[name] { return Evaluated(element, boxed: true) }
            switch options.missingKey {
            case .invalid: return .invalid
            case .zero: return Evaluated(.null, boxed: true)
            case .error: throw error("map has no entry for key \(GoQuote.quote(name))")
            }
        case .object(let object):
            if let reference = MapReference.of(object) {
                return try referenceField(reference, name: name, hasArguments: hasArguments)
            }
            if object.hasMethod(name) {
                return try callMethod(dot, object: object, name: name, node: node, arguments: arguments, final: final)
            }
            if let field = object.field(name) {
                if hasArguments { throw error("\(name) has arguments but cannot be invoked as function") }
                return Evaluated(field)
            }
            throw error("can't evaluate field \(name) in type \(receiver.typeName)")
        default:
            throw error("can't evaluate field \(name) in type \(receiver.typeName)")
        }
    }

    func callMethod(
        _ dot: Evaluated, object: any TemplateObject, name: String, node: Operand, arguments: [Operand]?, final: Evaluated?
    ) throws(ExecutionSignal) -> Evaluated {
        var values: [Value] = []
        for operand in (arguments ?? []).dropFirst() {
            values.append(plain(try evaluateArgument(dot, operand, type: .any).value))
        }
        if let final { values.append(plain(final.value)) }
        current = .operand(node)
        do {
            return Evaluated(try object.callMethod(name, arguments: values))
        } catch let failure as TemplateObjectError {
            // Go checks a method's arguments before calling it: no "error calling" prefix.
            if failure.message.hasPrefix("wrong number of args for ") || failure.message.hasPrefix("wrong type for value") {
                throw error(failure.message)
            }
            throw error("error calling \(name): \(failure.message)", cause: .function)
        } catch {
            throw self.error("error calling \(name): \(error)", cause: .function)
        }
    }

    // MARK: - Arguments

    /// Go's `evalArg`: evaluates `operand` for a parameter of `type` (nil: untyped).
    func evaluateArgument(_ dot: Evaluated, _ operand: Operand, type: ArgumentType?) throws(ExecutionSignal) -> Evaluated {
        current = .operand(operand)
        switch operand {
        case .dot:
            return try validate(dot, type)
        case .nil:
            guard let type else { return .invalid }
            if type.canBeNil { return type == .any ? Evaluated(.null, boxed: true) : .invalid }
            throw error("cannot assign nil to \(type.goName)")
        case .field(_, let names):
            return try validate(try evaluateFieldChain(dot, receiver: dot, node: operand, names: names, arguments: [operand], final: nil), type)
        case .variable:
            return try validate(try evaluateVariable(dot, operand, arguments: nil, final: nil), type)
        case .pipeline(let pipeline):
            return try validate(try evaluatePipeline(dot, pipeline), type)
        case .identifier(_, let function):
            return try validate(try evaluateFunction(dot, operand, function: function, command: nil, arguments: nil, final: nil), type)
        case .chain:
            return try validate(try evaluateChain(dot, operand, arguments: nil, final: nil), type)
        default:
            break
        }
        switch type ?? .any {
        case .bool:
            if case .bool(_, let b) = operand { return Evaluated(.bool(b)) }
            throw error("expected bool; found \(operand.description)")
        case .float64:
            if case .number(let n) = operand, n.isFloat { return Evaluated(.float(n.floatValue)) }
            throw error("expected float; found \(operand.description)")
        case .int, .int64:
            if case .number(let n) = operand, n.isInt {
                return Evaluated(type == .int ? .int(Int(n.intValue)) : .int64(n.intValue))
            }
            throw error("expected integer; found \(operand.description)")
        case .string:
            if case .string(_, _, let s) = operand { return Evaluated(.string(s)) }
            throw error("expected string; found \(operand.description)")
        case .any, .reflectValue:
            switch operand {
            case .bool(_, let b): return Evaluated(.bool(b))
            case .number(let n): return try idealConstant(n)
            case .string(_, _, let s): return Evaluated(.string(s))
            default: break
            }
            throw error("can't handle assignment of \(operand.description) to empty interface argument")
        case .list, .map:
            throw error("can't handle \(operand.description) for arg of type \((type ?? .any).goName)")
        }
    }

    /// Go's `validateType`: checks a computed value against a parameter type.
    func validate(_ value: Evaluated, _ type: ArgumentType?) throws(ExecutionSignal) -> Evaluated {
        guard let type else { return value }
        if value.isInvalid {
            if type.canBeNil { return value }
            throw error("invalid value; expected \(type.goName)")
        }
        if type == .any || type == .reflectValue { return value }
        if value.boxed && value.value.isNull {
            throw error("wrong type for value; expected \(type.goName); got interface {}")
        }
        if type.accepts(value.value) || Executor.isMapReference(value.value, for: type) { return value.unboxed }
        throw error("wrong type for value; expected \(type.goName); got \(value.value.goTypeName)")
    }
}
