import RudderCore
/// Go's `Node.String()`: each node rebuilds its source text. Execution errors
/// quote the failing node this way (`executing "t" at <.Values.x.y>`).
extension Operand {
    var description: String {
        switch self {
        case .field(_, let names): return names.map { "." + $0 }.joined()
        case .variable(_, let name, let fields): return name + fields.map { "." + $0 }.joined()
        case .dot: return "."
        case .nil: return "nil"
        case .bool(_, let value): return value ? "true" : "false"
        case .number(let n): return n.text
        case .string(_, let quoted, _): return quoted
        case .identifier(_, let function): return function.name
        case .pipeline(let p): return p.description
        case .chain(_, let base, let fields):
            var s: String
            if case .pipeline(let p) = base { s = "(" + p.description + ")" } else { s = base.description }
            for f in fields { s += "." + f }
            return s
        }
    }
}

extension Command {
    var description: String {
        var parts: [String] = []
        for operand in operands {
            if case .pipeline(let p) = operand {
                parts.append("(" + p.description + ")")
            } else {
                parts.append(operand.description)
            }
        }
        return parts.joined(separator: " ")
    }
}

extension Pipeline {
    var description: String {
        var s = ""
        if !declarations.isEmpty {
            s = declarations.joined(separator: ", ") + (isAssign ? " = " : " := ")
        }
        return s + commands.map(\.description).joined(separator: " | ")
    }
}

extension Node {
    static func listDescription(_ nodes: [Node]) -> String {
        nodes.map(\.description).joined()
    }

    var description: String {
        switch self {
        case .text(_, let text):
            return text
        case .action(_, let pipeline):
            return "{{" + pipeline.description + "}}"
        case .ifBranch(let b): return Node.branchDescription("if", b)
        case .rangeLoop(let b): return Node.branchDescription("range", b)
        case .withBranch(let b): return Node.branchDescription("with", b)
        case .templateCall(let t):
            if let p = t.pipeline {
                return "{{template " + GoQuote.quote(t.name) + " " + p.description + "}}"
            }
            return "{{template " + GoQuote.quote(t.name) + "}}"
        case .breakLoop: return "{{break}}"
        case .continueLoop: return "{{continue}}"
        case .end: return "{{end}}"
        case .elseMarker: return "{{else}}"
        }
    }

    private static func branchDescription(_ name: String, _ b: BranchNode) -> String {
        var s = "{{" + name + " " + b.pipeline.description + "}}" + listDescription(b.list)
        if let e = b.elseList { s += "{{else}}" + listDescription(e) }
        return s + "{{end}}"
    }
}
