import RudderCore

extension ValidationRun {
    typealias Draft = JSONSchemaValidator.Draft

    // object: minProperties, maxProperties, required, dependencies, properties,
    // patternProperties, additionalProperties, propertyNames, dependentSchemas, dependentRequired
    mutating func validateObject(
        _ s: [String: Value], _ object: [String: Value], location: SchemaLocation, base: String, draft: Draft,
        instance: [String], valueID: Int, errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        func add(_ message: String) {
            errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword(message), message: message))
        }
        if let minimum = s["minProperties"]?.integerCount, object.count < minimum {
            add("minProperties: got \(schemaInteger(object.count)), want \(schemaInteger(minimum))")
        }
        if let maximum = s["maxProperties"]?.integerCount, object.count > maximum {
            add("maxProperties: got \(schemaInteger(object.count)), want \(schemaInteger(maximum))")
        }
        if case .list(let required)? = s["required"] {
            let missing = required.compactMap(\.stringValue).filter { object[$0] == nil }
            if missing.count == 1 {
                add("missing property \(schemaQuote(missing[0]))")
            } else if missing.count > 1 {
                add("missing properties \(missing.map(schemaQuote).joined(separator: ", "))")
            }
        }
        if draft < .draft2019, case .map(let dependencies)? = s["dependencies"] {
            for name in dependencies.keys.sorted() where object[name] != nil {
                guard let dependency = dependencies[name] else { continue }
                if case .list(let names) = dependency {
                    let missing = names.compactMap(\.stringValue).filter { object[$0] == nil }
                    if !missing.isEmpty {
                        add("properties \(missing.map(schemaQuote).joined(separator: ", ")) required, if \(schemaQuote(name)) exists")
                    }
                } else {
                    let result = applySelf(dependency, at: location.appending("dependencies", name), base: base, draft: draft,
                                           value: .map(object), instance: instance, valueID: valueID)
                    if let error = result.error { errors.append(error) }
                }
            }
        }
        let properties = s["properties"]?.mapValue ?? [:]
        let patterns = s["patternProperties"]?.mapValue ?? [:]
        var additional: [String] = []
        for name in object.keys.sorted() {
            guard let item = object[name] else { continue }
            var evaluated = false
            if let schema = properties[name] {
                evaluated = true
                let result = applyChild(schema, at: location.appending("properties", name), base: base, draft: draft,
                                        value: item, instance: instance + [name])
                if let error = result.error { errors.append(error) }
            }
            for pattern in patterns.keys.sorted() {
                guard let regex = validator.regexes[pattern], regex.matches(name), let schema = patterns[pattern] else { continue }
                evaluated = true
                let result = applyChild(schema, at: location.appending("patternProperties", pattern), base: base, draft: draft,
                                        value: item, instance: instance + [name])
                if let error = result.error { errors.append(error) }
            }
            if !evaluated, let schema = s["additionalProperties"] {
                evaluated = true
                if case .bool(let allowed) = schema {
                    if !allowed { additional.append(name) }
                } else {
                    let result = applyChild(schema, at: location.appending("additionalProperties"), base: base, draft: draft,
                                            value: item, instance: instance + [name])
                    if let error = result.error { errors.append(error) }
                }
            }
            // Only `unevaluatedProperties` (2019-09 on) reads these.
            if evaluated && draft >= .draft2019 { outcome.evaluatedProperties.insert(name) }
        }
        if !additional.isEmpty {
            add("additional properties \(additional.map(schemaQuote).joined(separator: ", ")) not allowed")
        }
        if draft == .draft4 { return }
        if let schema = s["propertyNames"] {
            for name in object.keys.sorted() {
                let result = applyChild(schema, at: location.appending("propertyNames"), base: base, draft: draft,
                                        value: .string(name), instance: instance)
                if let error = result.error {
                    errors.append(SchemaViolation(
                        instanceLocation: instance, kind: .keyword("propertyNames"), message: "invalid propertyName \(schemaQuote(name))",
                        causes: error.kind == .group ? error.causes : [error]))
                }
            }
        }
        if draft < .draft2019 { return }
        if case .map(let dependentSchemas)? = s["dependentSchemas"] {
            for name in dependentSchemas.keys.sorted() where object[name] != nil {
                guard let schema = dependentSchemas[name] else { continue }
                let result = applySelf(schema, at: location.appending("dependentSchemas", name), base: base, draft: draft,
                                       value: .map(object), instance: instance, valueID: valueID)
                outcome.absorb(result)
                if let error = result.error { errors.append(error) }
            }
        }
        if case .map(let dependentRequired)? = s["dependentRequired"] {
            for name in dependentRequired.keys.sorted() where object[name] != nil {
                let missing = (dependentRequired[name]?.listValue ?? []).compactMap(\.stringValue).filter { object[$0] == nil }
                if !missing.isEmpty {
                    add("properties \(missing.map(schemaQuote).joined(separator: ", ")) required, if \(schemaQuote(name)) exists")
                }
            }
        }
    }

    // array: minItems, maxItems, uniqueItems, items/additionalItems or prefixItems/items, contains
    mutating func validateArray(
        _ s: [String: Value], _ array: [Value], location: SchemaLocation, base: String, draft: Draft,
        instance: [String], valueID: Int, errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        func add(_ message: String) {
            errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword(message), message: message))
        }
        if let minimum = s["minItems"]?.integerCount, array.count < minimum {
            add("minItems: got \(schemaInteger(array.count)), want \(schemaInteger(minimum))")
        }
        if let maximum = s["maxItems"]?.integerCount, array.count > maximum {
            add("maxItems: got \(schemaInteger(array.count)), want \(schemaInteger(maximum))")
        }
        if case .bool(true)? = s["uniqueItems"], array.count > 1 {
            search: for i in 0..<array.count {
                for j in (i + 1)..<array.count where jsonEqual(array[i], array[j]) {
                    add("items at \(i) and \(j) are equal")
                    break search
                }
            }
        }
        func applyItem(_ schema: Value, _ keyword: [String], _ index: Int) {
            var at = location
            at.pointer += keyword
            let result = applyChild(schema, at: at, base: base, draft: draft, value: array[index], instance: instance + [String(index)])
            if let error = result.error { errors.append(error) }
            if draft >= .draft2019 { outcome.evaluatedItems.insert(index) }
        }
        if draft < .draft2020 {
            var evaluated = 0
            switch s["items"] {
            case .list(let schemas)?:
                evaluated = min(array.count, schemas.count)
                for index in 0..<evaluated { applyItem(schemas[index], ["items", String(index)], index) }
            case let schema?:
                for index in array.indices { applyItem(schema, ["items"], index) }
                evaluated = array.count
            case nil:
                break
            }
            if s["items"]?.listValue != nil, let additional = s["additionalItems"] {
                if case .bool(let allowed) = additional {
                    if !allowed && evaluated != array.count {
                        add("last \(array.count - evaluated) additionalItem(s) not allowed")
                    }
                } else {
                    for index in evaluated..<array.count { applyItem(additional, ["additionalItems"], index) }
                }
            }
        } else {
            let prefix = s["prefixItems"]?.listValue ?? []
            let evaluated = min(prefix.count, array.count)
            for index in 0..<evaluated { applyItem(prefix[index], ["prefixItems", String(index)], index) }
            if let items = s["items"] {
                // jsonschema v6.0.x (Helm 4.1.4) reports these items at their index *after* the prefix.
                for index in evaluated..<array.count {
                    let result = applyChild(items, at: location.appending("items"), base: base, draft: draft,
                                            value: array[index], instance: instance + [String(index - evaluated)])
                    if let error = result.error { errors.append(error) }
                    outcome.evaluatedItems.insert(index)
                }
            }
        }
        if draft >= .draft6, let contains = s["contains"] {
            var failures: [SchemaViolation] = []
            var matched: [Int] = []
            for index in array.indices {
                let result = applyChild(contains, at: location.appending("contains"), base: base, draft: draft,
                                        value: array[index], instance: instance + [String(index)])
                if let error = result.error {
                    failures.append(error)
                } else {
                    matched.append(index)
                    if draft >= .draft2020 { outcome.evaluatedItems.insert(index) }
                }
            }
            let minimum = draft >= .draft2019 ? s["minContains"]?.integerCount : nil
            if let minimum {
                if matched.count < minimum {
                    let message = matched.isEmpty
                        ? "min \(minimum) items required to match contains schema, but none matched"
                        : "min \(minimum) items required to match contains schema, but matched \(matched.count) items at \(matched.map(String.init).joined(separator: " "))"
                    errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword("minContains"), message: message, causes: failures))
                }
            } else if matched.isEmpty {
                errors.append(SchemaViolation(
                    instanceLocation: instance, kind: .keyword("contains"), message: "no items match contains schema", causes: failures))
            }
            if draft >= .draft2019, let maximum = s["maxContains"]?.integerCount, matched.count > maximum {
                add("max \(maximum) items required to match contains schema, but matched \(matched.count) items at \(matched.map(String.init).joined(separator: " "))")
            }
        }
    }

    // string: minLength, maxLength, pattern
    func validateString(_ s: [String: Value], _ text: String, draft: Draft, instance: [String], errors: inout [SchemaViolation]) {
        func add(_ message: String) {
            errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword(message), message: message))
        }
        let length = text.unicodeScalars.count
        if let minimum = s["minLength"]?.integerCount, length < minimum {
            add("minLength: got \(schemaInteger(length)), want \(schemaInteger(minimum))")
        }
        if let maximum = s["maxLength"]?.integerCount, length > maximum {
            add("maxLength: got \(schemaInteger(length)), want \(schemaInteger(maximum))")
        }
        if case .string(let pattern)? = s["pattern"], let regex = validator.regexes[pattern], !regex.matches(text) {
            add("\(schemaQuote(text)) does not match pattern \(schemaQuote(pattern))")
        }
    }

    // number: minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
    func validateNumber(_ s: [String: Value], _ number: Double, draft: Draft, instance: [String], errors: inout [SchemaViolation]) {
        func add(_ keyword: String, _ want: Double) {
            let message = "\(keyword): got \(schemaNumber(number)), want \(schemaNumber(want))"
            errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword(keyword), message: message))
        }
        var minimum = s["minimum"].flatMap(numberOf)
        var maximum = s["maximum"].flatMap(numberOf)
        var exclusiveMinimum: Double?
        var exclusiveMaximum: Double?
        if draft == .draft4 {
            if case .bool(true)? = s["exclusiveMinimum"] { exclusiveMinimum = minimum; minimum = nil }
            if case .bool(true)? = s["exclusiveMaximum"] { exclusiveMaximum = maximum; maximum = nil }
        } else {
            exclusiveMinimum = s["exclusiveMinimum"].flatMap(numberOf)
            exclusiveMaximum = s["exclusiveMaximum"].flatMap(numberOf)
        }
        if let minimum, number < minimum { add("minimum", minimum) }
        if let maximum, number > maximum { add("maximum", maximum) }
        if let exclusiveMinimum, number <= exclusiveMinimum { add("exclusiveMinimum", exclusiveMinimum) }
        if let exclusiveMaximum, number >= exclusiveMaximum { add("exclusiveMaximum", exclusiveMaximum) }
        if let divisor = s["multipleOf"].flatMap(numberOf), divisor > 0 {
            let quotient = number / divisor
            if !(quotient.isFinite && quotient == quotient.rounded()) { add("multipleOf", divisor) }
        }
    }

    // not, allOf, anyOf, oneOf, if/then/else
    mutating func validateConditionals(
        _ s: [String: Value], location: SchemaLocation, base: String, draft: Draft, value: Value, instance: [String],
        valueID: Int, errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        func apply(_ schema: Value, _ tokens: [String]) -> ValidationOutcome {
            var at = location
            at.pointer += tokens
            return applySelf(schema, at: at, base: base, draft: draft, value: value, instance: instance, valueID: valueID)
        }
        if let not = s["not"], apply(not, ["not"]).error == nil {
            errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword("not"), message: "'not' failed"))
        }
        if case .list(let schemas)? = s["allOf"], !schemas.isEmpty {
            var failures: [SchemaViolation] = []
            for (index, schema) in schemas.enumerated() {
                let result = apply(schema, ["allOf", String(index)])
                if let error = result.error { failures.append(error) } else { outcome.absorb(result) }
            }
            if !failures.isEmpty {
                errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword("allOf"), message: "'allOf' failed", causes: failures))
            }
        }
        if case .list(let schemas)? = s["anyOf"], !schemas.isEmpty {
            var failures: [SchemaViolation] = []
            var matched = false
            for (index, schema) in schemas.enumerated() {
                let result = apply(schema, ["anyOf", String(index)])
                if let error = result.error {
                    failures.append(error)
                } else {
                    matched = true
                    outcome.absorb(result)
                }
            }
            if !matched {
                errors.append(SchemaViolation(instanceLocation: instance, kind: .keyword("anyOf"), message: "'anyOf' failed", causes: failures))
            }
        }
        if case .list(let schemas)? = s["oneOf"], !schemas.isEmpty {
            var failures: [SchemaViolation] = []
            var matched = -1
            for (index, schema) in schemas.enumerated() {
                let result = apply(schema, ["oneOf", String(index)])
                if let error = result.error {
                    if matched == -1 { failures.append(error) }
                } else if matched == -1 {
                    matched = index
                    outcome.absorb(result)
                } else {
                    errors.append(SchemaViolation(
                        instanceLocation: instance, kind: .keyword("oneOf"), message: "'oneOf' failed, subschemas \(matched), \(index) matched"))
                    break
                }
            }
            if matched == -1 {
                errors.append(SchemaViolation(
                    instanceLocation: instance, kind: .keyword("oneOf"), message: "'oneOf' failed, none matched", causes: failures))
            }
        }
        if draft >= .draft7, let condition = s["if"] {
            let test = apply(condition, ["if"])
            if test.error == nil {
                outcome.absorb(test)
                if let then = s["then"] {
                    let result = apply(then, ["then"])
                    if let error = result.error { errors.append(error) } else { outcome.absorb(result) }
                }
            } else if let otherwise = s["else"] {
                let result = apply(otherwise, ["else"])
                if let error = result.error { errors.append(error) } else { outcome.absorb(result) }
            }
        }
    }

    // unevaluatedProperties, unevaluatedItems
    mutating func validateUnevaluated(
        _ s: [String: Value], location: SchemaLocation, base: String, draft: Draft, value: Value, instance: [String],
        valueID: Int, errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        if case .map(let object) = value, let schema = s["unevaluatedProperties"], !outcome.allPropertiesEvaluated {
            for name in object.keys.sorted() where !outcome.evaluatedProperties.contains(name) {
                guard let item = object[name] else { continue }
                let result = applyChild(schema, at: location.appending("unevaluatedProperties"), base: base, draft: draft,
                                        value: item, instance: instance + [name])
                if let error = result.error { errors.append(error) }
                outcome.evaluatedProperties.insert(name)
            }
        }
        if case .list(let array) = value, let schema = s["unevaluatedItems"], !outcome.allItemsEvaluated {
            for index in array.indices where !outcome.evaluatedItems.contains(index) {
                let result = applyChild(schema, at: location.appending("unevaluatedItems"), base: base, draft: draft,
                                        value: array[index], instance: instance + [String(index)])
                if let error = result.error { errors.append(error) }
                outcome.evaluatedItems.insert(index)
            }
        }
    }
}

func numberOf(_ value: Value) -> Double? {
    switch value {
    case .int, .int64, .float: return numericValue(value)
    default: return nil
    }
}

extension Value {
    /// A non-negative integer keyword value (`minItems: 3`).
    var integerCount: Int? {
        switch self {
        case .int(let i): return i
        case .int64(let i): return Int(exactly: i)
        case .float(let d): return d.isFinite && d == d.rounded() && abs(d) < 1e15 ? Int(d) : nil
        default: return nil
        }
    }
}
