import RudderCore

extension ChartMetadata {
    /// Helm's `Metadata.Validate`: sanitizes strings (whitespace becomes a
    /// space, unprintable characters go) and checks the required fields, the
    /// name, the version, the type, maintainers and dependencies. Messages are
    /// Helm's, prefixed `validation: ` as Helm prints them.
    public mutating func validate() throws(ChartError) {
        name = sanitize(name)
        description = sanitize(description)
        home = sanitize(home)
        icon = sanitize(icon)
        condition = sanitize(condition)
        tags = sanitize(tags)
        appVersion = sanitize(appVersion)
        kubeVersion = sanitize(kubeVersion)
        sources = sources.map(sanitize)
        keywords = keywords.map(sanitize)

        func fail(_ message: String, fix: String) -> ChartError {
            ChartError("validation: " + message, file: "Chart.yaml", fix: fix)
        }
        if apiVersion.isEmpty {
            throw fail("chart.metadata.apiVersion is required", fix: "add 'apiVersion: v2' to Chart.yaml")
        }
        if name.isEmpty {
            throw fail("chart.metadata.name is required", fix: "add a 'name:' to Chart.yaml")
        }
        if name == "." || name == ".." {
            throw fail("chart.metadata.name \(goQuote(name)) is not allowed", fix: "give the chart a real name")
        }
        if name.contains("/") {
            throw fail("chart.metadata.name \(goQuote(name)) is invalid", fix: "a chart name cannot contain a path separator")
        }
        if version.isEmpty {
            throw fail("chart.metadata.version is required", fix: "add a SemVer 'version:' to Chart.yaml")
        }
        if !SemanticVersion.isValid(version) {
            throw fail("chart.metadata.version \(goQuote(version)) is invalid", fix: "use a SemVer version such as 1.2.3")
        }
        if !["", "application", "library"].contains(type) {
            throw fail("chart.metadata.type must be application or library", fix: "set 'type:' to application or library")
        }
        for index in maintainers.indices {
            guard var maintainer = maintainers[index] else {
                throw fail("maintainers must not contain empty or null nodes", fix: "remove the empty entry under 'maintainers:'")
            }
            maintainer.name = sanitize(maintainer.name)
            maintainer.email = sanitize(maintainer.email)
            maintainer.url = sanitize(maintainer.url)
            maintainers[index] = maintainer
        }
        if nullDependencyCount > 0 {
            throw fail("dependencies must not contain empty or null nodes", fix: "remove the empty entry under 'dependencies:'")
        }
        var seen: Set<String> = []
        for index in dependencies.indices {
            var dependency = dependencies[index]
            dependency.name = sanitize(dependency.name)
            dependency.version = sanitize(dependency.version)
            dependency.repository = sanitize(dependency.repository)
            dependency.condition = sanitize(dependency.condition)
            dependency.tags = dependency.tags.map(sanitize)
            dependency.dependsOn = dependency.dependsOn.map(sanitize)
            if !dependency.alias.isEmpty && !isValidAlias(dependency.alias) {
                throw fail(
                    "dependency \(goQuote(dependency.name)) has disallowed characters in the alias",
                    fix: "an alias may contain only letters, digits, '-' and '_'")
            }
            let key = dependency.effectiveName
            if seen.contains(key) {
                throw fail(
                    "more than one dependency with name or alias \(goQuote(key))",
                    fix: "Try using distinct aliases for dependencies with the same chart name.")
            }
            seen.insert(key)
            dependencies[index] = dependency
        }
    }
}

/// Helm's `sanitizeString`: whitespace becomes a space; unprintable characters are removed.
func sanitize(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if isGoSpace(scalar) {
            result.append(" ")
        } else if GoQuote.isPrint(scalar) {
            result.append(scalar)
        }
    }
    return String(result)
}

/// `^[a-zA-Z0-9_-]+$`.
func isValidAlias(_ alias: String) -> Bool {
    !alias.isEmpty && alias.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}

/// Masterminds/semver v3's `NewVersion` acceptance (the loose form: an
/// optional `v`, one to three numeric parts, pre-release and build metadata).
enum SemanticVersion {
    static func isValid(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        var core = rest
        var metadata: Substring?
        var prerelease: Substring?
        if let plus = core.firstIndex(of: "+") {
            metadata = core[core.index(after: plus)...]
            core = core[..<plus]
        }
        if let dash = core.firstIndex(of: "-") {
            prerelease = core[core.index(after: dash)...]
            core = core[..<dash]
        }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(numbers.count) else { return false }
        for number in numbers {
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), UInt64(number) != nil else { return false }
        }
        if let prerelease {
            for identifier in prerelease.split(separator: ".", omittingEmptySubsequences: false) {
                guard isIdentifier(identifier) else { return false }
                if identifier.allSatisfy({ $0.isASCII && $0.isNumber }) && identifier.count > 1 && identifier.hasPrefix("0") {
                    return false
                }
            }
        }
        if let metadata {
            for identifier in metadata.split(separator: ".", omittingEmptySubsequences: false) where !isIdentifier(identifier) {
                return false
            }
        }
        return true
    }

    static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-")
        }
    }
}
