import RudderCore

extension ValidationRun {
    /// A failure reported at one of a map's keys: sorted by key (then in the
    /// order found) before it joins the report, as a walk in key order gives them.
    typealias KeyedFailure = (key: String, order: Int, error: SchemaViolation)

    static func sorted(_ failures: [KeyedFailure]) -> [SchemaViolation] {
        failures.sorted { $0.key < $1.key || ($0.key == $1.key && $0.order < $1.order) }.map(\.error)
    }

    // object: minProperties, maxProperties, required, dependencies, properties,
    // patternProperties, additionalProperties, propertyNames, dependentSchemas, dependentRequired
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    mutating func validateObject(
        _ node: SchemaNode, _ keywords: SchemaNode.ObjectKeywords, _ object: [String: Value], valueID: Int,
        errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        let draft = node.draft
        func add(_ message: String, into errors: inout [SchemaViolation]) {
            errors.append(violation(message))
        }
        if let minimum = keywords.minProperties, object.count < minimum {
            add("minProperties: got \(schemaInteger(object.count)), want \(schemaInteger(minimum))", into: &errors)
        }
        if let maximum = keywords.maxProperties, object.count > maximum {
            add("maxProperties: got \(schemaInteger(object.count)), want \(schemaInteger(maximum))", into: &errors)
        }
        if let required = keywords.required, required.contains(where: { object[$0] == nil }) {
            let missing = required.filter { object[$0] == nil }
            if missing.count == 1 {
                add("missing property \(schemaQuote(missing[0]))", into: &errors)
            } else {
                add("missing properties \(missing.map(schemaQuote).joined(separator: ", "))", into: &errors)
            }
        }
        for (name, dependency) in keywords.dependencies where object[name] != nil {
            switch dependency {
            case .names(let names):
                let missing = names.filter { object[$0] == nil }
                if !missing.isEmpty {
                    add("properties \(missing.map(schemaQuote).joined(separator: ", ")) required, if \(schemaQuote(name)) exists", into: &errors)
                }
            case .schema(let index):
                let result = validate(index, .map(object), valueID: valueID)
                if let error = result.error { errors.append(error) }
            }
        }
        if keywords.visitsProperties {
            var failures: [KeyedFailure] = []
            var additional: [String] = []
            let trackProperties = tracking && draft >= .draft2019
            for (name, item) in object {
                var evaluated = false
                if let index = keywords.properties[name] {
                    evaluated = true
                    let result = applyChild(index, item, at: .key(name))
                    if let error = result.error { failures.append((name, failures.count, error)) }
                }
                for (_, regex, index) in keywords.patternProperties where regex.matches(name) {
                    evaluated = true
                    let result = applyChild(index, item, at: .key(name))
                    if let error = result.error { failures.append((name, failures.count, error)) }
                }
                if !evaluated, let schema = keywords.additionalProperties {
                    evaluated = true
                    switch schema {
                    case .allowed(let allowed):
                        if !allowed { additional.append(name) }
                    case .schema(let index):
                        let result = applyChild(index, item, at: .key(name))
                        if let error = result.error { failures.append((name, failures.count, error)) }
                    }
                }
                // Only `unevaluatedProperties` (2019-09 on) reads these.
                if evaluated && trackProperties { outcome.evaluatedProperties.insert(name) }
            }
            if !failures.isEmpty { errors += Self.sorted(failures) }
            if !additional.isEmpty {
                add("additional properties \(additional.sorted().map(schemaQuote).joined(separator: ", ")) not allowed", into: &errors)
            }
        }
        if let index = keywords.propertyNames {
            var failures: [KeyedFailure] = []
            for name in object.keys {
                let result = validate(index, .string(name), valueID: nextValueIDAdvanced())
                if let error = result.error {
                    failures.append((name, 0, violation(
                        "invalid propertyName \(schemaQuote(name))", error.kind == .group ? error.causes : [error],
                        kind: .keyword("propertyNames"))))
                }
            }
            if !failures.isEmpty { errors += Self.sorted(failures) }
        }
        for (name, index) in keywords.dependentSchemas where object[name] != nil {
            let result = validate(index, .map(object), valueID: valueID)
            if tracking { outcome.absorb(result) }
            if let error = result.error { errors.append(error) }
        }
        for (name, names) in keywords.dependentRequired where object[name] != nil {
            let missing = names.filter { object[$0] == nil }
            if !missing.isEmpty {
                add("properties \(missing.map(schemaQuote).joined(separator: ", ")) required, if \(schemaQuote(name)) exists", into: &errors)
            }
        }
    }

    /// A fresh value identity (a property name checked by `propertyNames` is a value of its own).
    mutating func nextValueIDAdvanced() -> Int {
        let id = nextValueID
        nextValueID += 1
        return id
    }

    // array: minItems, maxItems, uniqueItems, items/additionalItems or prefixItems/items, contains
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    mutating func validateArray(
        _ node: SchemaNode, _ keywords: SchemaNode.ArrayKeywords, _ array: [Value],
        errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        let draft = node.draft
        if let minimum = keywords.minItems, array.count < minimum {
            errors.append(violation("minItems: got \(schemaInteger(array.count)), want \(schemaInteger(minimum))"))
        }
        if let maximum = keywords.maxItems, array.count > maximum {
            errors.append(violation("maxItems: got \(schemaInteger(array.count)), want \(schemaInteger(maximum))"))
        }
        if keywords.uniqueItems, array.count > 1 {
            search: for i in 0..<array.count {
                for j in (i + 1)..<array.count where jsonEqual(array[i], array[j]) {
                    errors.append(violation("items at \(i) and \(j) are equal"))
                    break search
                }
            }
        }
        let trackItems = tracking && draft >= .draft2019
        func applyItem(_ run: inout ValidationRun, _ index: Int, _ item: Int) {
            let result = run.applyChild(index, array[item], at: .index(item))
            if let error = result.error { errors.append(error) }
            if trackItems { outcome.evaluatedItems.insert(item) }
        }
        if draft < .draft2020 {
            var evaluated = 0
            if let schemas = keywords.itemList {
                evaluated = min(array.count, schemas.count)
                for item in 0..<evaluated { applyItem(&self, schemas[item], item) }
            } else if let schema = keywords.items {
                for item in array.indices { applyItem(&self, schema, item) }
                evaluated = array.count
            }
            switch keywords.additionalItems {
            case .allowed(let allowed)?:
                if !allowed && evaluated != array.count {
                    errors.append(violation("last \(array.count - evaluated) additionalItem(s) not allowed"))
                }
            case .schema(let schema)?:
                // As for 2020-12's `items`, jsonschema v6.0.x reports these at their index after the tuple.
                for item in evaluated..<array.count {
                    let result = applyChild(schema, array[item], at: .index(item - evaluated))
                    if let error = result.error { errors.append(error) }
                    if trackItems { outcome.evaluatedItems.insert(item) }
                }
            case nil:
                break
            }
        } else {
            let evaluated = min(keywords.prefixItems.count, array.count)
            for item in 0..<evaluated { applyItem(&self, keywords.prefixItems[item], item) }
            if let schema = keywords.items {
                // jsonschema v6.0.x (Helm 4.1.4) reports these items at their index *after* the prefix.
                for item in evaluated..<array.count {
                    let result = applyChild(schema, array[item], at: .index(item - evaluated))
                    if let error = result.error { errors.append(error) }
                    if tracking { outcome.evaluatedItems.insert(item) }
                }
            }
        }
        if let contains = keywords.contains {
            var failures: [SchemaViolation] = []
            var matched: [Int] = []
            for item in array.indices {
                let result = applyChild(contains, array[item], at: .index(item))
                if let error = result.error {
                    failures.append(error)
                } else {
                    matched.append(item)
                    if tracking && draft >= .draft2020 { outcome.evaluatedItems.insert(item) }
                }
            }
            if let minimum = keywords.minContains {
                if matched.count < minimum {
                    let message = matched.isEmpty
                        ? "min \(minimum) items required to match contains schema, but none matched"
                        : "min \(minimum) items required to match contains schema, but matched \(matched.count) items at \(matched.map(String.init).joined(separator: " "))"
                    errors.append(violation(message, failures, kind: .keyword("minContains")))
                }
            } else if matched.isEmpty {
                errors.append(violation("no items match contains schema", failures, kind: .keyword("contains")))
            }
            if let maximum = keywords.maxContains, matched.count > maximum {
                errors.append(violation(
                    "max \(maximum) items required to match contains schema, but matched \(matched.count) items at \(matched.map(String.init).joined(separator: " "))"))
            }
        }
    }

    // string: minLength, maxLength, pattern
    func validateString(_ keywords: SchemaNode.StringKeywords, _ text: String, errors: inout [SchemaViolation]) {
        if keywords.minLength != nil || keywords.maxLength != nil {
            let length = text.unicodeScalars.count
            if let minimum = keywords.minLength, length < minimum {
                errors.append(violation("minLength: got \(schemaInteger(length)), want \(schemaInteger(minimum))"))
            }
            if let maximum = keywords.maxLength, length > maximum {
                errors.append(violation("maxLength: got \(schemaInteger(length)), want \(schemaInteger(maximum))"))
            }
        }
        if let (pattern, regex) = keywords.pattern, !regex.matches(text) {
            errors.append(violation("\(schemaQuote(text)) does not match pattern \(schemaQuote(pattern))"))
        }
    }

    // number: minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf
    func validateNumber(_ keywords: SchemaNode.NumberKeywords, _ number: Double, errors: inout [SchemaViolation]) {
        func add(_ keyword: String, _ want: Double) {
            let message = "\(keyword): got \(schemaNumber(number)), want \(schemaNumber(want))"
            errors.append(violation(message, kind: .keyword(keyword)))
        }
        if let minimum = keywords.minimum, number < minimum { add("minimum", minimum) }
        if let maximum = keywords.maximum, number > maximum { add("maximum", maximum) }
        if let exclusiveMinimum = keywords.exclusiveMinimum, number <= exclusiveMinimum { add("exclusiveMinimum", exclusiveMinimum) }
        if let exclusiveMaximum = keywords.exclusiveMaximum, number >= exclusiveMaximum { add("exclusiveMaximum", exclusiveMaximum) }
        if let divisor = keywords.multipleOf, divisor > 0, !isDecimalMultiple(number, of: divisor) {
            add("multipleOf", divisor)
        }
    }

    // not, allOf, anyOf, oneOf, if/then/else
    // swiftlint:disable:next function_body_length cyclomatic_complexity
    mutating func validateApplicators(
        _ keywords: SchemaNode.Applicators, draft: Draft, value: Value, valueID: Int,
        errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        if let not = keywords.not, validate(not, value, valueID: valueID).error == nil {
            errors.append(violation("'not' failed", kind: .keyword("not")))
        }
        if !keywords.allOf.isEmpty {
            var failures: [SchemaViolation] = []
            for index in keywords.allOf {
                let result = validate(index, value, valueID: valueID)
                if let error = result.error { failures.append(error) } else if tracking { outcome.absorb(result) }
            }
            if !failures.isEmpty { errors.append(violation("'allOf' failed", failures, kind: .keyword("allOf"))) }
        }
        if !keywords.anyOf.isEmpty {
            var failures: [SchemaViolation] = []
            var matched = false
            for index in keywords.anyOf {
                let result = validate(index, value, valueID: valueID)
                if let error = result.error {
                    failures.append(error)
                } else {
                    matched = true
                    if tracking { outcome.absorb(result) }
                }
            }
            if !matched { errors.append(violation("'anyOf' failed", failures, kind: .keyword("anyOf"))) }
        }
        if !keywords.oneOf.isEmpty {
            var failures: [SchemaViolation] = []
            var matched = -1
            for (position, index) in keywords.oneOf.enumerated() {
                let result = validate(index, value, valueID: valueID)
                if let error = result.error {
                    if matched == -1 { failures.append(error) }
                } else if matched == -1 {
                    matched = position
                    if tracking { outcome.absorb(result) }
                } else {
                    errors.append(violation("'oneOf' failed, subschemas \(matched), \(position) matched", kind: .keyword("oneOf")))
                    break
                }
            }
            if matched == -1 { errors.append(violation("'oneOf' failed, none matched", failures, kind: .keyword("oneOf"))) }
        }
        if let condition = keywords.conditionIf {
            let test = validate(condition, value, valueID: valueID)
            if test.error == nil {
                if tracking { outcome.absorb(test) }
                if let then = keywords.conditionThen {
                    let result = validate(then, value, valueID: valueID)
                    if let error = result.error { errors.append(error) } else if tracking { outcome.absorb(result) }
                }
            } else if let otherwise = keywords.conditionElse {
                let result = validate(otherwise, value, valueID: valueID)
                if let error = result.error { errors.append(error) } else if tracking { outcome.absorb(result) }
            }
        }
    }

    // unevaluatedProperties, unevaluatedItems
    mutating func validateUnevaluated(
        _ node: SchemaNode, value: Value, errors: inout [SchemaViolation], outcome: inout ValidationOutcome
    ) {
        if case .map(let object) = value, let schema = node.unevaluatedProperties, !outcome.allPropertiesEvaluated {
            for name in object.keys.sorted() where !outcome.evaluatedProperties.contains(name) {
                guard let item = object[name] else { continue }
                let result = applyChild(schema, item, at: .key(name))
                if let error = result.error { errors.append(error) }
                outcome.evaluatedProperties.insert(name)
            }
        }
        if case .list(let array) = value, let schema = node.unevaluatedItems, !outcome.allItemsEvaluated {
            for item in array.indices where !outcome.evaluatedItems.contains(item) {
                let result = applyChild(schema, array[item], at: .index(item))
                if let error = result.error { errors.append(error) }
                outcome.evaluatedItems.insert(item)
            }
        }
    }
}
