import ArgumentParser
import RudderChart

/// The values flags shared by `template`, `lint` and `render` (Helm's names and meanings).
struct ValuesFlags: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("values")],
            help: ArgumentHelp("Specify values in a YAML file (can specify multiple, or separate with commas).", valueName: "file"))
    var values: [String] = []

    @Option(name: .customLong("set"),
            help: ArgumentHelp("Set values on the command line (key1=val1,key2=val2).", valueName: "key=value"))
    var set: [String] = []

    @Option(name: .customLong("set-string"),
            help: ArgumentHelp("Set STRING values on the command line.", valueName: "key=value"))
    var setString: [String] = []

    @Option(name: .customLong("set-json"),
            help: ArgumentHelp("Set JSON values on the command line (key1=jsonval1,...).", valueName: "key=json"))
    var setJSON: [String] = []

    @Option(name: .customLong("set-file"),
            help: ArgumentHelp("Set values from files (key1=path1,...).", valueName: "key=path"))
    var setFile: [String] = []

    @Option(name: .customLong("set-literal"),
            help: ArgumentHelp("Set a literal STRING value on the command line.", valueName: "key=value"))
    var setLiteral: [String] = []

    @Flag(name: .customLong("skip-schema-validation"), help: "Disable JSON schema validation of values.")
    var skipSchemaValidation = false

    /// `-f a.yaml,b.yaml` splits on commas as Helm's `strings` flags do.
    var valueFiles: [String] { values.flatMap { splitCommaList($0) } }
}

/// Helm's `strings`/`stringSlice` flags read each occurrence as comma-separated values.
func splitCommaList(_ text: String) -> [String] {
    text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
}
