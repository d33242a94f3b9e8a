import RudderCore

extension Executor {
    /// Helm's `include`: executes template `name` with `data` as dot into a string.
    func include(name: String, data: Evaluated) throws(ExecutionSignal) -> Evaluated {
        // A remembered result first: reuse() leaves room for every nested
        // include and template, so none of the checks below could fail, and the
        // template was found when the result was made (the set never changes).
        var parts: [IncludeMemo.Part] = []
        let memoizable =
            options.memoizeIncludes && overlay.isEmpty && references.includeMemo.flatten(data.value, into: &parts)
        if memoizable, depth < options.maxCallDepth,
            let entry = references.includeMemo.find(name, parts: parts, boxed: data.boxed, missingKey: options.missingKey),
            reuse(entry)
        {
            return Evaluated(.string(entry.output))
        }
        // One hash of the name to count the call in, one to count it out.
        let count = Executor.enter(&includeCounts[name, default: 0], limit: options.includeRecursionLimit)
        if count > options.includeRecursionLimit {
            throw wrapped("include", plain: "rendering template has a nested reference name: \(name): unable to execute template")
        }
        defer { includeCounts[name, default: 1] -= 1 }
        guard let target = lookup(name) else {
            throw wrapped(
                "include",
                plain: "template: no template \(GoQuote.quote(name)) associated with template \(GoQuote.quote(options.rootTemplateName))")
        }
        if depth >= options.maxCallDepth {
            throw error("error calling include: exceeded maximum template depth (\(options.maxCallDepth))", cause: .limit)
        }
        guard memoizable else { return Evaluated(.string(try includeOutput(target, data: data))) }
        return Evaluated(.string(try rememberedInclude(name, target, data: data, parts: parts)))
    }

    private func includeOutput(_ target: ParsedTemplate, data: Evaluated) throws(ExecutionSignal) -> String {
        includeNesting += 1
        if includeNesting > nestingHighWater { nestingHighWater = includeNesting }
        defer { includeNesting -= 1 }
        return try captureOutput(label: "include") { () throws(ExecutionSignal) in
            try runTemplate(target, dot: data)
        }
    }

    /// Takes a remembered result as if the include had run again, unless a
    /// limit would stop that run (then it runs, and fails where it fails).
    private func reuse(_ entry: IncludeMemo.Entry) -> Bool {
        let innerDepth = depth + entry.depthUsed
        guard steps + entry.steps <= options.maxSteps,
            totalOutput + entry.bytes <= options.maxOutputBytes,
            innerDepth < options.maxCallDepth, innerDepth < options.maxTemplateDepth,
            includeNesting + entry.nestingUsed < options.includeRecursionLimit
        else { return false }
        // The clock is read where `step()` would have read it: when a multiple of 1024 steps is passed.
        if let deadline = options.deadlineNanoseconds, (steps + entry.steps) >> 10 != steps >> 10,
            ExecutionOptions.monotonicNanoseconds() > deadline
        {
            return false
        }
        steps += entry.steps
        totalOutput += entry.bytes
        if innerDepth > depthHighWater { depthHighWater = innerDepth }
        if includeNesting + entry.nestingUsed > nestingHighWater { nestingHighWater = includeNesting + entry.nestingUsed }
        if entry.exposesRoot, let root = references.includeMemo.root { root.exposures += 1 }
        references.includeMemo.countHit()
        return true
    }

    /// Runs the include and remembers its output when that is sound (see `IncludeMemo`).
    private func rememberedInclude(
        _ name: String, _ target: ParsedTemplate, data: Evaluated, parts: [IncludeMemo.Part]
    ) throws(ExecutionSignal) -> String {
        let epoch = references.includeMemo.begin()
        let startImpure = impureCalls
        let startSteps = steps
        let startBytes = totalOutput
        let startDepth = depth
        let startNesting = includeNesting
        let savedDepthHighWater = depthHighWater
        let savedNestingHighWater = nestingHighWater
        depthHighWater = depth
        nestingHighWater = includeNesting
        let root = references.includeMemo.root
        let startExposures = root?.exposures ?? 0
        defer {
            depthHighWater = max(depthHighWater, savedDepthHighWater)
            nestingHighWater = max(nestingHighWater, savedNestingHighWater)
        }
        let output = try includeOutput(target, data: data)
        guard impureCalls == startImpure, references.includeMemo.epoch == epoch, overlay.isEmpty else { return output }
        let exposed = (root?.exposures ?? 0) != startExposures
        let hasRoot = parts.contains { if case .root = $0 { return true } else { return false } }
        let classWide = hasRoot && !exposed && !references.includeMemo.rootMutated
        references.includeMemo.remember(
            name,
            IncludeMemo.Entry(
                parts: classWide ? parts : IncludeMemo.pinned(parts), boxed: data.boxed, classWide: classWide,
                missingKey: options.missingKey, output: output, steps: steps - startSteps, bytes: totalOutput - startBytes,
                depthUsed: depthHighWater - startDepth, nestingUsed: nestingHighWater - startNesting,
                exposesRoot: exposed))
        return output
    }

    /// Counts one more nested call unless `limit` is already exceeded; returns the count before.
    private static func enter(_ count: inout Int, limit: Int) -> Int {
        let before = count
        if before <= limit { count = before + 1 }
        return before
    }

    /// `error calling LABEL: MESSAGE` where the message is a plain (non-template) error.
    func wrapped(_ label: String, plain message: String) -> ExecutionSignal {
        var outer = makeError("error calling \(label): ")
        outer.inner = [
            TemplateError(
                phase: .execution, templateName: "", line: 0, column: nil, nodeText: nil, message: message, cause: .plain)
        ]
        return .failure(outer)
    }

    /// Runs `body` with a fresh output buffer and returns what it wrote; an
    /// error inside becomes the inner level of `error calling LABEL: …`.
    func captureOutput(label: String, _ body: () throws(ExecutionSignal) -> Void) throws(ExecutionSignal) -> String {
        let savedOutput = output
        output = ""
        defer { output = savedOutput }
        let caller = current
        do {
            try body()
        } catch .failure(let inner) {
            current = caller
            var outer = makeError("error calling \(label): ", cause: inner.cause)
            outer.inner = [inner]
            throw .failure(outer)
        } catch {
            throw error
        }
        return output
    }

    /// Helm's `tpl`: parses `text` as a template that sees the set's defines
    /// (its own defines shadow them for this call) and executes it with `data`.
    func tpl(text: String, data: Evaluated) throws(ExecutionSignal) -> Evaluated {
        if depth >= options.maxCallDepth {
            throw error("error calling tpl: exceeded maximum template depth (\(options.maxCallDepth))", cause: .limit)
        }
        let name = options.rootTemplateName
        var parser = Parser(name: name, text: text, functions: functions)
        parser.stackFloor = stackFloor
        let definitions: [(name: String, template: ParsedTemplate)]
        do {
            definitions = try parser.parse()
        } catch let parseError {
            if parser.ranOutOfStack && !onLargeStack {
                ranOutOfStack = true
                throw .stackExhausted
            }
            var outer = makeError("error calling tpl: cannot parse template \(GoQuote.quote(text)): ", cause: .function)
            outer.inner = [parseError]
            throw .failure(outer)
        }
        let savedOverlay = overlay
        defer { overlay = savedOverlay }
        for (definitionName, template) in definitions {
            if let existing = lookup(definitionName), !existing.isEmpty, template.isEmpty, definitionName != name { continue }
            overlay[definitionName] = template
        }
        guard let target = overlay[name] else { return Evaluated(.string("")) }
        let savedOutput = output
        output = ""
        defer { output = savedOutput }
        do {
            try runTemplate(target, dot: data)
        } catch .failure(let inner) {
            throw tplError(text: text, inner: inner)
        } catch {
            throw error
        }
        let rendered = output
        return Evaluated(.string(rendered.replacingAll("<no value>", with: "")))
    }

    private func tplError(text: String, inner: TemplateError) -> ExecutionSignal {
        var outer = makeError(
            "error calling tpl: error during tpl function execution for \(GoQuote.quote(text)): ",
            cause: inner.cause == .helmFailure ? .helmFailure : .function)
        if inner.cause == .helmFailure { outer.failureMessage = inner.failureMessage }
        outer.inner = [inner]
        return .failure(outer)
    }

}

extension String {
    /// The string with every occurrence of `target` replaced; the string itself
    /// (no copy) when `target` does not occur, which is the usual case.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        var text = self
        return text.withUTF8 { bytes -> String in
            guard bytes.count >= needle.count else { return self }
            var out: [UInt8] = []
            var copied = 0
            var i = 0
            let last = bytes.count - needle.count
            while i <= last {
                if bytes[i] == first && String.matches(needle, in: bytes, at: i) {
                    if out.isEmpty { out.reserveCapacity(bytes.count) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                    out.append(contentsOf: replacement.utf8)
                    i += needle.count
                    copied = i
                } else {
                    i += 1
                }
            }
            if copied == 0 { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var j = 1
        while j < needle.count {
            if bytes[index + j] != needle[j] { return false }
            j += 1
        }
        return true
    }
}
