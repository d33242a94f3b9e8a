import RudderCore

/// A function's Go signature as the engine checks it.
struct Signature: Sendable {
    var parameters: [ArgumentType]
    var variadic: ArgumentType?
}

/// Where a function name resolves to.
enum Callee {
    case builtin(Builtin, Signature)
    case registered(TemplateFunction, Signature, RegisteredKind)
    case include
    case tpl
}

extension Executor {
    /// What `name` calls: one dictionary lookup (the registry resolved its
    /// functions when they were registered).
    func resolve(_ name: String) -> Callee? {
        if options.includeAndTpl {
            if name == "include" { return .include }
            if name == "tpl" { return .tpl }
        }
        if let entry = functions.resolved[name] {
            return .registered(entry.function, entry.signature, entry.kind)
        }
        if let builtin = Builtin.byName[name] { return .builtin(builtin, builtin.signature) }
        return nil
    }

    /// Go's `evalFunction` + `evalCall`: checks the argument count, evaluates
    /// arguments against the parameter types, then calls.
    func evaluateFunction(
        _ dot: Evaluated, _ node: Operand, name: String, command: Command?, arguments: [Operand]?, final: Evaluated?
    ) throws(ExecutionSignal) -> Evaluated {
        current = .operand(node)
        guard let callee = resolve(name) else {
            throw error("\(GoQuote.quote(name)) is not a defined function")
        }
        let signature: Signature
        switch callee {
        case .builtin(_, let s), .registered(_, let s, _): signature = s
        case .include, .tpl: signature = Signature(parameters: [.string, .any], variadic: nil)
        }
        // A slice, not a copy: `first` is the argument at `arguments.startIndex`.
        let arguments = (arguments ?? []).dropFirst()
        let argumentCount = arguments.count + (final == nil ? 0 : 1)
        let fixedCount = signature.parameters.count
        if signature.variadic != nil {
            if argumentCount < fixedCount {
                throw error("wrong number of args for \(name): want at least \(fixedCount) got \(arguments.count)")
            }
        } else if argumentCount != fixedCount {
            throw error("wrong number of args for \(name): want \(fixedCount) got \(argumentCount)")
        }
        // and/or short-circuit and return an operand.
        if case .builtin(let builtin, _) = callee, builtin == .and || builtin == .or {
            var value = Evaluated.invalid
            for argument in arguments {
                value = try evaluateArgument(dot, argument, type: .reflectValue)
                if Executor.truth(value.value) == (builtin == .or) { return value }
            }
            if let final { value = final }
            return value
        }
        var values: [Evaluated] = []
        values.reserveCapacity(argumentCount)
        var index = 0
        while index < fixedCount && index < arguments.count {
            values.append(try evaluateArgument(dot, arguments[arguments.startIndex + index], type: signature.parameters[index]))
            index += 1
        }
        if let variadic = signature.variadic {
            while index < arguments.count {
                values.append(try evaluateArgument(dot, arguments[arguments.startIndex + index], type: variadic))
                index += 1
            }
        }
        if let final {
            var type = signature.parameters.last ?? .any
            if let variadic = signature.variadic {
                type = argumentCount - 1 < fixedCount ? signature.parameters[argumentCount - 1] : variadic
            }
            values.append(try validate(final, type))
        }
        let callSite: NodeReference = command.map { .command($0) } ?? .operand(node)
        switch callee {
        case .builtin(let builtin, _):
            do {
                // Only `call` quotes its callee (the text is built only then).
                let calleeText = builtin == .call ? (arguments.first?.description ?? "") : ""
                let result = try callBuiltin(builtin, values, calleeText: calleeText)
                try checkSize(of: result.value, from: name)
                return result
            } catch let signal as ExecutionSignal {
                throw signal
            } catch let failure as FunctionError {
                current = callSite
                throw error("error calling \(name): \(failure.message)", cause: .function)
            } catch {
                current = callSite
                throw self.error("error calling \(name): \(error)", cause: .function)
            }
        case .registered(let function, _, let kind):
            if !function.isPure { impureCalls += 1 }
            do {
                let result = try callRegistered(function, name: name, kind: kind, values)
                try checkSize(of: result, from: name)
                return Evaluated(result)
            } catch let signal as ExecutionSignal {
                throw signal
            } catch let failure as FunctionError {
                current = callSite
                if failure.isHelmFailure {
                    var e = makeError("error calling \(name): \(failure.message)", cause: .helmFailure)
                    e.failureMessage = failure.message
                    throw .failure(e)
                }
                throw error("error calling \(name): \(failure.message)", cause: .function)
            } catch {
                current = callSite
                throw self.error("error calling \(name): \(error)", cause: .function)
            }
        case .include:
            let before = current
            current = callSite
            let result = try include(name: values[0].value.stringValue ?? "", data: values[1])
            current = before
            return result
        case .tpl:
            impureCalls += 1
            let before = current
            current = callSite
            let result = try tpl(text: values[0].value.stringValue ?? "", data: values[1])
            current = before
            return result
        }
    }

    /// Stops runaway growth (a string or list doubled in a loop) before memory runs out.
    func checkSize(of result: Value, from name: String) throws(ExecutionSignal) {
        switch result {
        case .string(let s) where s.utf8.count > options.maxOutputBytes:
            throw error("result of \(name) exceeds the limit of \(options.maxOutputBytes) bytes", cause: .limit)
        case .list(let l) where l.count > options.maxListElements:
            throw error("result of \(name) exceeds the limit of \(options.maxListElements) elements", cause: .limit)
        case .bytes(let b) where b.count > options.maxOutputBytes:
            throw error("result of \(name) exceeds the limit of \(options.maxOutputBytes) bytes", cause: .limit)
        default:
            return
        }
    }
}
