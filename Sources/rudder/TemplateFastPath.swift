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
    /// Every option of `TemplateCommand` and `ValuesFlags`. Plain cases and a
    /// switch, not key paths: a key path's first use instantiates its type and
    /// looks up conformances, which costs a fifth of a millisecond at start-up.
    enum Option: Int {
        case valueFiles, set, setString, setJSON, setFile, setLiteral, skipSchemaValidation, namespace
        case showOnly, includeCRDs, skipTests, noHooks, isUpgrade, kubeVersion, apiVersions, outputDir
        case useReleaseName, enableDNS, timeout, generateName, debug, valuesDir, quiet

        /// The option by each of its spellings.
        init?(spelling name: String) {
            switch name {
            case "-f", "--values": self = .valueFiles
            case "--set": self = .set
            case "--set-string": self = .setString
            case "--set-json": self = .setJSON
            case "--set-file": self = .setFile
            case "--set-literal": self = .setLiteral
            case "--skip-schema-validation": self = .skipSchemaValidation
            case "-n", "--namespace": self = .namespace
            case "-s", "--show-only": self = .showOnly
            case "--include-crds": self = .includeCRDs
            case "--skip-tests": self = .skipTests
            case "--no-hooks": self = .noHooks
            case "--is-upgrade": self = .isUpgrade
            case "--kube-version": self = .kubeVersion
            case "-a", "--api-versions": self = .apiVersions
            case "--output-dir": self = .outputDir
            case "--release-name": self = .useReleaseName
            case "--enable-dns": self = .enableDNS
            case "--timeout": self = .timeout
            case "-g", "--generate-name": self = .generateName
            case "--debug": self = .debug
            case "--values-dir": self = .valuesDir
            case "-q", "--quiet": self = .quiet
            default: return nil
            }
        }

        /// Sets the flag; false if it was set already (a repeated flag goes to the full parser).
        func setFlag(in invocation: inout TemplateInvocation) -> Bool {
            func turnOn(_ flag: inout Bool) -> Bool {
                if flag { return false }
                flag = true
                return true
            }
            switch self {
            case .skipSchemaValidation: return turnOn(&invocation.skipSchemaValidation)
            case .includeCRDs: return turnOn(&invocation.includeCRDs)
            case .skipTests: return turnOn(&invocation.skipTests)
            case .noHooks: return turnOn(&invocation.noHooks)
            case .isUpgrade: return turnOn(&invocation.isUpgrade)
            case .useReleaseName: return turnOn(&invocation.useReleaseName)
            case .enableDNS: return turnOn(&invocation.enableDNS)
            case .generateName: return turnOn(&invocation.generateName)
            case .debug: return turnOn(&invocation.debug)
            case .quiet: return turnOn(&invocation.quiet)
            default: return false
            }
        }

        /// Whether the option is a flag (takes no value).
        var isFlag: Bool {
            switch self {
            case .skipSchemaValidation, .includeCRDs, .skipTests, .noHooks, .isUpgrade, .useReleaseName, .enableDNS,
                .generateName, .debug, .quiet:
                return true
            default:
                return false
            }
        }

        /// Stores a value; false for a second value of a single-valued option.
        /// `seenSingles`: a bit per option (a `Set<Int>`'s first insert costs
        /// 300k instructions of runtime type set-up).
        func store(_ value: String, in invocation: inout TemplateInvocation, seenSingles: inout UInt64) -> Bool {
            switch self {
            case .valueFiles: invocation.valueFiles.append(contentsOf: splitCommaList(value))
            case .set: invocation.set.append(value)
            case .setString: invocation.setString.append(value)
            case .setJSON: invocation.setJSON.append(value)
            case .setFile: invocation.setFile.append(value)
            case .setLiteral: invocation.setLiteral.append(value)
            case .showOnly: invocation.showOnly.append(value)
            case .apiVersions: invocation.apiVersions.append(value)
            case .namespace, .timeout, .kubeVersion, .outputDir, .valuesDir:
                let bit: UInt64 = 1 << UInt64(rawValue)
                guard seenSingles & bit == 0 else { return false }
                seenSingles |= bit
                switch self {
                case .namespace: invocation.namespace = value
                case .timeout: invocation.timeout = value
                case .kubeVersion: invocation.kubeVersion = value
                case .outputDir: invocation.outputDir = value
                default: invocation.valuesDir = value
                }
            default: return false
            }
            return true
        }
    }

    /// The invocation `words` (the words after `template`) ask for, or nil
    /// when the full parser must read them.
    static func parse(_ words: ArraySlice<String>) -> TemplateInvocation? {
        var invocation = TemplateInvocation()
        var seenSingles: UInt64 = 0
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
            guard let option = Option(spelling: name) else { return nil }
            if option.isFlag {
                guard inlineValue == nil, option.setFlag(in: &invocation) else { return nil }
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
            guard option.store(value, in: &invocation, seenSingles: &seenSingles) else { return nil }
        }
        return invocation
    }
}
