import RudderCore

/// A function's Go signature as the engine checks it.
struct Signature: Sendable {
    var parameters: [ArgumentType]
    var variadic: ArgumentType?
}

extension Executor {
    /// What `function` calls: resolved at parse time when this execution's
    /// registry is the one the template was parsed with, else looked up now.
    @inline(__always)
    func resolve(_ function: FunctionName) -> Callee? {
        if options.includeAndTpl, let special = function.special { return special }
        if function.registry === functions.identity { return function.callee }
        return Callee.resolve(function.name, functions: functions)
    }

    /// Go's `evalFunction` + `evalCall`: checks the argument count, evaluates
    /// arguments against the parameter types, then calls.
    func evaluateFunction(
        _ dot: Evaluated, _ node: Operand, function: FunctionName, command: Command?, arguments: [Operand]?,
        final: Evaluated?
    ) throws(ExecutionSignal) -> Evaluated {
        current = .operand(node)
        let name = function.name
        guard let callee = resolve(function) else {
            throw error("\(GoQuote.quote(name)) is not a defined function")
        }
        let signature: Signature
        switch callee {
        case .builtin(_, let s): signature = s
        case .registered(let entry): signature = entry.signature
        case .include, .tpl: signature = Callee.includeSignature
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
        let callSite: NodeReference = command.map { .command($0) } ?? .operand(node)
        if case .registered(let entry) = callee {
            // A registered function sees values only (no static types): one array.
            var values: [Value] = []
            values.reserveCapacity(argumentCount)
            try evaluateArguments(dot, arguments, final: final, signature: signature) { values.append($0.value) }
            return try callRegistered(entry, name: name, consume values, callSite: callSite)
        }
        var values: [Evaluated] = []
        values.reserveCapacity(argumentCount)
        try evaluateArguments(dot, arguments, final: final, signature: signature) { values.append($0) }
        switch callee {
        case .builtin(let builtin, _):
            do {
                // Only `call` quotes its callee (the text is built only then).
                let calleeText = builtin == .call ? (arguments.first?.description ?? "") : ""
                let result = try callBuiltin(builtin, consume values, calleeText: calleeText)
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
        case .registered:
            return .invalid  // called above
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

    /// Evaluates the arguments of a call (Go's `evalCall` loop): the fixed
    /// parameters, the variadic rest, then the piped `final` value, each
    /// checked against its parameter type and passed to `append` in order.
    @inline(__always)
    private func evaluateArguments(
        _ dot: Evaluated, _ arguments: ArraySlice<Operand>, final: Evaluated?, signature: Signature,
        _ append: (Evaluated) -> Void
    ) throws(ExecutionSignal) {
        let fixedCount = signature.parameters.count
        var index = 0
        while index < fixedCount && index < arguments.count {
            append(try evaluateArgument(dot, arguments[arguments.startIndex + index], type: signature.parameters[index]))
            index += 1
        }
        if let variadic = signature.variadic {
            while index < arguments.count {
                append(try evaluateArgument(dot, arguments[arguments.startIndex + index], type: variadic))
                index += 1
            }
        }
        if let final {
            let argumentCount = arguments.count + 1
            var type = signature.parameters.last ?? .any
            if let variadic = signature.variadic {
                type = argumentCount - 1 < fixedCount ? signature.parameters[argumentCount - 1] : variadic
            }
            append(try validate(final, type))
        }
    }

    /// Calls a registered function and turns what it throws into Go's `error calling NAME: …`.
    private func callRegistered(
        _ entry: ResolvedFunction, name: String, _ values: consuming [Value], callSite: NodeReference
    ) throws(ExecutionSignal) -> Evaluated {
        if !entry.function.isPure { impureCalls += 1 }
        do {
            let result = try callRegistered(entry.function, name: name, kind: entry.kind, values)
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
