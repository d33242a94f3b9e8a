/// A block-style YAML emitter that writes what yaml.v2 (`toYaml`) and
/// yaml.v3 with indent 2 (`toYamlPretty`) write: the state machine of
/// libyaml's emitter (which both port) cut down to what values need.
struct YAMLEmitter {
    enum Flavor { case v2, v3 }

    /// A scalar ready to write: its text and the style the encoder asks for.
    struct Scalar {
        enum Request { case plain, literal, doubleQuoted }
        var text: String
        var request: Request
    }

    /// What the emitter is given: scalars, block collections, and empty
    /// collections (written in flow style).
    indirect enum Node {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([(key: Scalar, value: Node)])
    }

    let flavor: Flavor
    let bestIndent = 2
    let bestWidth: Int
    var out: [UInt8] = []
    var column = 0
    var whitespace = true
    var indention = true
    var indent = -1
    var indents: [Int] = []

    init(flavor: Flavor) {
        self.flavor = flavor
        bestWidth = flavor == .v2 ? 80 : Int.max
        out.reserveCapacity(256)
    }

    // MARK: - Structure

    mutating func emitDocument(_ node: Node) {
        emit(node, mappingContext: false, simpleKey: false)
        writeIndent()
    }

    mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            indent += bestIndent
        }
    }

    mutating func popIndent() {
        indent = indents.popLast() ?? -1
    }

    mutating func emit(_ node: Node, mappingContext: Bool, simpleKey: Bool) {
        switch node {
        case .scalar(let scalar):
            increaseIndent(flow: true, indentless: false)
            writeScalar(scalar, simpleKey: simpleKey)
            popIndent()
        case .sequence(let items):
            if items.isEmpty {
                writeIndicator("[", needWhitespace: true, isWhitespace: true, isIndention: false)
                writeIndicator("]", needWhitespace: false, isWhitespace: false, isIndention: false)
                return
            }
            let indentless = flavor == .v2 && mappingContext && !indention
            increaseIndent(flow: false, indentless: indentless)
            for item in items {
                writeIndent()
                writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
                emit(item, mappingContext: false, simpleKey: false)
            }
            popIndent()
        case .mapping(let entries):
            if entries.isEmpty {
                writeIndicator("{", needWhitespace: true, isWhitespace: true, isIndention: false)
                writeIndicator("}", needWhitespace: false, isWhitespace: false, isIndention: false)
                return
            }
            increaseIndent(flow: false, indentless: false)
            for entry in entries {
                writeIndent()
                let analysis = ScalarAnalysis(entry.key.text, flavor: flavor)
                let simple = !analysis.multiline && entry.key.text.utf8.count <= 128
                if simple {
                    emit(.scalar(entry.key), mappingContext: true, simpleKey: true)
                    writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
                } else {
                    writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
                    emit(.scalar(entry.key), mappingContext: true, simpleKey: false)
                    writeIndent()
                    writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
                }
                emit(entry.value, mappingContext: true, simpleKey: false)
            }
            popIndent()
        }
    }

    // MARK: - Low-level writing

    mutating func put(_ byte: UInt8) {
        out.append(byte)
        column += 1
    }

    mutating func putBreak() {
        out.append(UInt8(ascii: "\n"))
        column = 0
    }

    /// Writes one character (all its UTF-8 bytes), counting one column.
    mutating func write(_ scalar: Unicode.Scalar) {
        out.append(contentsOf: String(scalar).utf8)
        column += 1
    }

    /// Writes a line break character: `\n` as a newline, others as themselves.
    mutating func writeBreak(_ scalar: Unicode.Scalar) {
        if scalar == "\n" {
            putBreak()
        } else {
            out.append(contentsOf: String(scalar).utf8)
            column = 0
        }
    }

    mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    mutating func writeIndicator(_ indicator: String, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        for byte in indicator.utf8 { put(byte) }
        whitespace = isWhitespace
        indention = indention && isIndention
    }
}
