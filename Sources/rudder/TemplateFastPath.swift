/// A lean reader of `rudder template`'s command line, so the common render
/// does not pay for the argument parser's start-up (a third of a small
/// chart's render: it looks up protocol conformances across the whole binary).
///
/// It reads only the plain forms: `--name value`, `--name=value`, `-x value`,
/// flags, and positional words. Anything else (help, version, unknown or
/// repeated single-valued options, `--`, bundled short flags, a value that
/// looks like an option) returns nil and the full parser takes the command
/// line, with its own errors. `RUDDER_FULL_PARSER=1` forces the full parser;
/// the CLI tests compare both on the same command lines.
enum TemplateFastPath {
    /// How an option's value lands in the invocation.
    enum Slot {
        case list(WritableKeyPath<TemplateInvocation, [String]>)
        case commaList(WritableKeyPath<TemplateInvocation, [String]>)
        case single(WritableKeyPath<TemplateInvocation, String>)
        case optional(WritableKeyPath<TemplateInvocation, String?>)
        case flag(WritableKeyPath<TemplateInvocation, Bool>)
    }

    /// Every option of `TemplateCommand` and `ValuesFlags`, by each of its spellings.
    static func slot(_ name: String) -> Slot? {
        switch name {
        case "-f", "--values": return .commaList(\.valueFiles)
        case "--set": return .list(\.set)
        case "--set-string": return .list(\.setString)
        case "--set-json": return .list(\.setJSON)
        case "--set-file": return .list(\.setFile)
        case "--set-literal": return .list(\.setLiteral)
        case "--skip-schema-validation": return .flag(\.skipSchemaValidation)
        case "-n", "--namespace": return .single(\.namespace)
        case "-s", "--show-only": return .list(\.showOnly)
        case "--include-crds": return .flag(\.includeCRDs)
        case "--skip-tests": return .flag(\.skipTests)
        case "--no-hooks": return .flag(\.noHooks)
        case "--is-upgrade": return .flag(\.isUpgrade)
        case "--kube-version": return .optional(\.kubeVersion)
        case "-a", "--api-versions": return .list(\.apiVersions)
        case "--output-dir": return .optional(\.outputDir)
        case "--release-name": return .flag(\.useReleaseName)
        case "--enable-dns": return .flag(\.enableDNS)
        case "--timeout": return .single(\.timeout)
        case "-g", "--generate-name": return .flag(\.generateName)
        case "--debug": return .flag(\.debug)
        case "--values-dir": return .optional(\.valuesDir)
        case "-q", "--quiet": return .flag(\.quiet)
        default: return nil
        }
    }

    /// The invocation `words` (the words after `template`) ask for, or nil
    /// when the full parser must read them.
    static func parse(_ words: ArraySlice<String>) -> TemplateInvocation? {
        var invocation = TemplateInvocation()
        var seenSingles: Set<AnyKeyPath> = []
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-") else {
                invocation.arguments.append(word)
                continue
            }
            var name = word
            var inlineValue: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inlineValue = String(word[word.index(after: equals)...])
            }
            guard let slot = slot(name) else { return nil }
            if case .flag(let path) = slot {
                guard inlineValue == nil, !invocation[keyPath: path] else { return nil }
                invocation[keyPath: path] = true
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < words.endIndex, !words[index].hasPrefix("-") else { return nil }
                value = words[index]
                index += 1
            }
            switch slot {
            case .list(let path):
                invocation[keyPath: path].append(value)
            case .commaList(let path):
                invocation[keyPath: path].append(contentsOf: splitCommaList(value))
            case .single(let path):
                guard seenSingles.insert(path).inserted else { return nil }
                invocation[keyPath: path] = value
            case .optional(let path):
                guard seenSingles.insert(path).inserted else { return nil }
                invocation[keyPath: path] = value
            case .flag:
                return nil
            }
        }
        return invocation
    }
}
