/// Compiles a parse tree into a Pike-VM program (Thompson construction), with
/// Go's expansion of counted repetition and its `(x+)?` form of `x*` when `x`
/// can match empty.
struct Compiler {
    /// A partly built program piece: entry point and the dangling exits to patch.
    struct Fragment {
        var start: Int32
        var exits: [Exit]
        var nullable: Bool
    }

    /// An instruction field still to be pointed at the next piece.
    struct Exit {
        var instruction: Int32
        var isArgument: Bool
    }

    var program = Program()

    static func compile(_ node: RegexNode, captureCount: Int) -> Program {
        var compiler = Compiler()
        compiler.program.slotCount = 2 * (captureCount + 1)
        let fragment = compiler.compile(node)
        let match = compiler.emit(.init(opcode: .match))
        compiler.patch(fragment.exits, to: match)
        compiler.program.start = fragment.start
        compiler.analyseStart()
        compiler.analyseFirstBytes()
        return compiler.program
    }

    mutating func emit(_ instruction: Program.Instruction) -> Int32 {
        program.instructions.append(instruction)
        return Int32(program.instructions.count - 1)
    }

    mutating func patch(_ exits: [Exit], to target: Int32) {
        for exit in exits {
            if exit.isArgument {
                program.instructions[Int(exit.instruction)].argument = target
            } else {
                program.instructions[Int(exit.instruction)].next = target
            }
        }
    }

    mutating func single(_ instruction: Program.Instruction, nullable: Bool = false) -> Fragment {
        let index = emit(instruction)
        return Fragment(start: index, exits: [Exit(instruction: index, isArgument: false)], nullable: nullable)
    }

    mutating func runeClass(_ runeClass: RuneClass) -> Fragment {
        if runeClass.isEmpty {
            return Fragment(start: emit(.init(opcode: .fail)), exits: [], nullable: false)
        }
        if runeClass.rangeCount == 1 && runeClass.ranges[0] == runeClass.ranges[1] {
            return single(.init(opcode: .singleRune, argument: Int32(runeClass.ranges[0])))
        }
        if runeClass.ranges == [0, RuneClass.maxRune] {
            return single(.init(opcode: .anyRune))
        }
        program.classes.append(Program.CompiledClass(runeClass))
        return single(.init(opcode: .rune, argument: Int32(program.classes.count - 1)))
    }

    mutating func compile(_ node: RegexNode) -> Fragment {
        switch node {
        case .emptyMatch:
            return single(.init(opcode: .nop), nullable: true)
        case .noMatch:
            return Fragment(start: emit(.init(opcode: .fail)), exits: [], nullable: false)
        case .literal(let rune, let foldCase):
            if foldCase {
                let orbit = UnicodeTables.orbit(of: rune)
                if orbit.count > 1 {
                    var folded = RuneClass()
                    for member in orbit { folded.add(member, member) }
                    folded.clean()
                    return runeClass(folded)
                }
            }
            return single(.init(opcode: .singleRune, argument: Int32(rune)))
        case .characterClass(let runeClassValue):
            return runeClass(runeClassValue)
        case .anyCharacter:
            return single(.init(opcode: .anyRune))
        case .anyCharacterExceptNewline:
            return single(.init(opcode: .anyRuneExceptNewline))
        case .assertion(let assertions):
            return single(.init(opcode: .assert, argument: Int32(assertions.rawValue)), nullable: true)
        case .capture(let index, _, let sub):
            let open = single(.init(opcode: .save, argument: Int32(2 * index)), nullable: true)
            let body = compile(sub)
            let close = single(.init(opcode: .save, argument: Int32(2 * index + 1)), nullable: true)
            return concatenate(concatenate(open, body), close)
        case .concatenation(let subs):
            var result: Fragment?
            for sub in subs {
                let piece = compile(sub)
                result = result.map { concatenate($0, piece) } ?? piece
            }
            return result ?? single(.init(opcode: .nop), nullable: true)
        case .alternation(let subs):
            // split(x1, split(x2, … xn)): priority left to right; the exits
            // are gathered once (no quadratic copying for long alternations).
            let pieces = subs.map { compile($0) }
            guard var start = pieces.last?.start else {
                return Fragment(start: emit(.init(opcode: .fail)), exits: [], nullable: false)
            }
            for piece in pieces.dropLast().reversed() {
                start = emit(.init(opcode: .split, next: piece.start, argument: start))
            }
            return Fragment(
                start: start, exits: pieces.flatMap(\.exits), nullable: pieces.contains(where: \.nullable))
        case .repetition(let sub, let kind, let greedy):
            return repetition(sub, kind, greedy: greedy)
        }
    }

    mutating func repetition(_ sub: RegexNode, _ kind: RepetitionKind, greedy: Bool) -> Fragment {
        switch kind {
        case .star:
            return star(compile(sub), greedy: greedy)
        case .plus:
            return plus(compile(sub), greedy: greedy)
        case .question:
            return question(compile(sub), greedy: greedy)
        case .counted(let minimum, let maximum):
            // As Go's simplify: x{n,} = x…x x+ and x{n,m} = x…x (x(x)?)?.
            if maximum == -1 {
                if minimum == 0 { return star(compile(sub), greedy: greedy) }
                var result: Fragment?
                for _ in 0..<(minimum - 1) {
                    let piece = compile(sub)
                    result = result.map { concatenate($0, piece) } ?? piece
                }
                let last = plus(compile(sub), greedy: greedy)
                return result.map { concatenate($0, last) } ?? last
            }
            if maximum == 0 { return single(.init(opcode: .nop), nullable: true) }
            if minimum == 1 && maximum == 1 { return compile(sub) }
            var result: Fragment?
            for _ in 0..<minimum {
                let piece = compile(sub)
                result = result.map { concatenate($0, piece) } ?? piece
            }
            if maximum > minimum {
                // Build the nested optional suffix inside out: (x(x(x)?)?)?
                var suffix = question(compile(sub), greedy: greedy)
                for _ in (minimum + 1)..<maximum {
                    let piece = compile(sub)
                    suffix = question(concatenate(piece, suffix), greedy: greedy)
                }
                result = result.map { concatenate($0, suffix) } ?? suffix
            }
            return result ?? single(.init(opcode: .nop), nullable: true)
        }
    }

    mutating func concatenate(_ first: Fragment, _ second: Fragment) -> Fragment {
        patch(first.exits, to: second.start)
        return Fragment(start: first.start, exits: second.exits, nullable: first.nullable && second.nullable)
    }

    mutating func question(_ body: Fragment, greedy: Bool) -> Fragment {
        let split: Int32
        let skip: Exit
        if greedy {
            split = emit(.init(opcode: .split, next: body.start, argument: -1))
            skip = Exit(instruction: split, isArgument: true)
        } else {
            split = emit(.init(opcode: .split, next: -1, argument: body.start))
            skip = Exit(instruction: split, isArgument: false)
        }
        return Fragment(start: split, exits: body.exits + [skip], nullable: true)
    }

    /// body then a split back to body or on.
    mutating func loop(_ body: Fragment, greedy: Bool) -> (split: Int32, exit: Exit) {
        let split: Int32
        let exit: Exit
        if greedy {
            split = emit(.init(opcode: .split, next: body.start, argument: -1))
            exit = Exit(instruction: split, isArgument: true)
        } else {
            split = emit(.init(opcode: .split, next: -1, argument: body.start))
            exit = Exit(instruction: split, isArgument: false)
        }
        patch(body.exits, to: split)
        return (split, exit)
    }

    mutating func plus(_ body: Fragment, greedy: Bool) -> Fragment {
        let (_, exit) = loop(body, greedy: greedy)
        return Fragment(start: body.start, exits: [exit], nullable: body.nullable)
    }

    mutating func star(_ body: Fragment, greedy: Bool) -> Fragment {
        if body.nullable {
            // (x+)? keeps the priority order right when x can match empty (Go issue 46123).
            return question(plus(body, greedy: greedy), greedy: greedy)
        }
        let (split, exit) = loop(body, greedy: greedy)
        return Fragment(start: split, exits: [exit], nullable: true)
    }

    /// Finds whether matches must start at the text's beginning, and the
    /// literal bytes every match starts with.
    mutating func analyseStart() {
        var pc = program.start
        var prefix: [UInt8] = []
        while pc >= 0 && Int(pc) < program.instructions.count {
            let instruction = program.instructions[Int(pc)]
            switch instruction.opcode {
            case .nop, .save:
                pc = instruction.next
                continue
            case .assert:
                let assertions = EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: instruction.argument))
                if assertions.contains(.beginText) && prefix.isEmpty { program.anchoredAtStart = true }
                if !prefix.isEmpty { break }
                pc = instruction.next
                continue
            case .singleRune:
                UTF8Decoding.append(UInt32(instruction.argument), to: &prefix)
                pc = instruction.next
                continue
            default:
                break
            }
            break
        }
        program.literalPrefix = prefix
    }

    /// Collects the lead bytes of every rune that can begin a match, following
    /// all empty-width steps (assertions are assumed to hold, so the set can
    /// only be too large). No set when a match may be empty or begin anywhere.
    mutating func analyseFirstBytes() {
        var set: [UInt64] = [0, 0, 0, 0]
        func add(_ byte: UInt32) { set[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        func leadByte(_ rune: UInt32) -> UInt32 {
            rune < 0x800 ? 0xC0 | rune >> 6 : rune < 0x10000 ? 0xE0 | rune >> 12 : 0xF0 | rune >> 18
        }
        func addRange(_ low: UInt32, _ high: UInt32) {
            if low < 0x80 {
                for byte in low...min(high, 0x7F) { add(byte) }
            }
            if high >= 0x80 {
                for byte in leadByte(max(low, 0x80))...leadByte(high) { add(byte) }
            }
        }
        var pending: [Int32] = [program.start]
        var seen = Set<Int32>()
        while let pc = pending.popLast() {
            guard pc >= 0, Int(pc) < program.instructions.count, seen.insert(pc).inserted else { continue }
            let instruction = program.instructions[Int(pc)]
            switch instruction.opcode {
            case .nop, .save, .assert:
                pending.append(instruction.next)
            case .split:
                pending.append(instruction.next)
                pending.append(instruction.argument)
            case .fail:
                continue
            case .match, .anyRune, .anyRuneExceptNewline:
                return
            case .singleRune:
                let rune = UInt32(truncatingIfNeeded: instruction.argument)
                addRange(rune, rune)
            case .rune:
                let ranges = program.classes[Int(instruction.argument)].runeClass.ranges
                var index = 0
                while index + 1 < ranges.count {
                    addRange(ranges[index], ranges[index + 1])
                    index += 2
                }
            }
        }
        program.firstBytes = set
    }
}
