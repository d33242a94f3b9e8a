/// Parses RE2 syntax as Go's `regexp/syntax.Parse(pattern, syntax.Perl)` does,
/// with the same error codes and offending fragments.
///
/// Like Go's parser it is an operator-precedence parser over an explicit stack:
/// operands are pushed, `|` and `(` are pseudo-operators on the stack, and a
/// repetition operator applies to whatever is on top of the stack.
struct RegexParser {
    static let maximumRepeat = 1000
    static let maximumHeight = 1000
    /// Go's maxSize: 128 MB of 40-byte instructions.
    static let maximumSize = (128 << 20) / 40

    enum StackEntry {
        case node(RegexNode, height: Int)
        /// `(`: capture index (0 when not capturing), name, and the flags to
        /// restore at the matching `)`.
        case leftParenthesis(capture: Int, name: String?, flags: RegexFlags)
        case verticalBar

        var isPseudo: Bool {
            if case .node = self { return false }
            return true
        }
    }

    let pattern: [UInt8]
    let wholePattern: String
    var flags: RegexFlags = [.oneLine]
    var stack: [StackEntry] = []
    var captureCount = 0
    var captureNames: [String?] = [nil]

    init(_ pattern: String) {
        self.pattern = Array(pattern.utf8)
        self.wholePattern = pattern
    }

    var count: Int { pattern.count }

    func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, count))
        let upper = max(lower, min(range.upperBound, count))
        return String(decoding: pattern[lower..<upper], as: UTF8.self)
    }

    func byte(_ index: Int) -> UInt8? {
        index >= 0 && index < count ? pattern[index] : nil
    }

    // Regexp:
    //     Alternative ('|' Alternative)*
    // Alternative:
    //     (Atom Repetition?)*
    // Atom:
    //     Literal | '.' | '^' | '$' | Class | Escape | '(' Regexp ')' | '(?flags)' | '(?flags:' Regexp ')'
    // Repetition:
    //     ('*' | '+' | '?' | '{' n (',' m?)? '}') '?'?
    mutating func parse() throws(RegexError) -> RegexNode {
        var position = 0
        var lastRepeat: Int?
        while position < count {
            var repeatStart: Int?
            switch pattern[position] {
            case UInt8(ascii: "("):
                if byte(position + 1) == UInt8(ascii: "?") {
                    position = try parsePerlFlags(at: position)
                } else {
                    captureCount += 1
                    captureNames.append(nil)
                    stack.append(.leftParenthesis(capture: captureCount, name: nil, flags: flags))
                    position += 1
                }
            case UInt8(ascii: "|"):
                try parseVerticalBar()
                position += 1
            case UInt8(ascii: ")"):
                try parseRightParenthesis()
                position += 1
            case UInt8(ascii: "^"):
                try push(.assertion(flags.contains(.oneLine) ? .beginText : .beginLine))
                position += 1
            case UInt8(ascii: "$"):
                try push(.assertion(flags.contains(.oneLine) ? .endText : .endLine))
                position += 1
            case UInt8(ascii: "."):
                try push(flags.contains(.dotMatchesNewline) ? .anyCharacter : .anyCharacterExceptNewline)
                position += 1
            case UInt8(ascii: "["):
                position = try parseClass(at: position)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                let kind: RepetitionKind
                switch pattern[position] {
                case UInt8(ascii: "*"): kind = .star
                case UInt8(ascii: "+"): kind = .plus
                default: kind = .question
                }
                let after = try applyRepetition(kind, operatorStart: position, after: position + 1, lastRepeat: lastRepeat)
                repeatStart = position
                position = after
            case UInt8(ascii: "{"):
                guard let (minimum, maximum, after) = parseRepeat(at: position) else {
                    // Not a well-formed repeat: `{` is a literal.
                    try pushLiteral(UInt32(UInt8(ascii: "{")))
                    position += 1
                    break
                }
                if minimum < 0 || minimum > Self.maximumRepeat || maximum > Self.maximumRepeat
                    || (maximum >= 0 && minimum > maximum)
                {
                    throw RegexError(.invalidRepeatSize, text(position..<after))
                }
                let next = try applyRepetition(
                    .counted(min: minimum, max: maximum), operatorStart: position, after: after, lastRepeat: lastRepeat)
                repeatStart = position
                position = next
            case UInt8(ascii: "\\"):
                position = try parseBackslash(at: position)
            default:
                let (rune, next) = try nextRune(at: position)
                try pushLiteral(rune)
                position = next
            }
            lastRepeat = repeatStart
        }
        try concatenate()
        if swapVerticalBar() { stack.removeLast() }
        try alternate()
        guard stack.count == 1, case .node(let node, _) = stack[0] else {
            throw RegexError(.missingParenthesis, wholePattern)
        }
        if Self.size(of: node) > Self.maximumSize {
            throw RegexError(.tooLarge, wholePattern)
        }
        return node
    }

    /// Escape sequences outside a class: assertions, `\Q…\E`, `\p{…}`, Perl
    /// classes, then single-rune escapes.
    mutating func parseBackslash(at position: Int) throws(RegexError) -> Int {
        if let next = byte(position + 1) {
            switch next {
            case UInt8(ascii: "A"):
                try push(.assertion(.beginText))
                return position + 2
            case UInt8(ascii: "b"):
                try push(.assertion(.wordBoundary))
                return position + 2
            case UInt8(ascii: "B"):
                try push(.assertion(.noWordBoundary))
                return position + 2
            case UInt8(ascii: "C"):
                // Any byte: not supported.
                throw RegexError(.invalidEscape, text(position..<position + 2))
            case UInt8(ascii: "Q"):
                // \Q … \E: everything up to \E (or the end) is literal.
                var literalEnd = count
                var resume = count
                var index = position + 2
                while index + 1 < count {
                    if pattern[index] == UInt8(ascii: "\\") && pattern[index + 1] == UInt8(ascii: "E") {
                        literalEnd = index
                        resume = index + 2
                        break
                    }
                    index += 1
                }
                var cursor = position + 2
                while cursor < literalEnd {
                    let (rune, after) = try nextRune(at: cursor, end: literalEnd)
                    try pushLiteral(rune)
                    cursor = after
                }
                return resume
            case UInt8(ascii: "z"):
                try push(.assertion(.endText))
                return position + 2
            default:
                break
            }
        }
        if let (runeClass, after) = try parseUnicodeClass(at: position) {
            try push(.characterClass(runeClass))
            return after
        }
        if let (runeClass, after) = parsePerlClassEscape(at: position) {
            try push(.characterClass(runeClass))
            return after
        }
        let (rune, after) = try parseEscape(at: position)
        try pushLiteral(rune)
        return after
    }

    /// Decodes the rune at `position`; at the end of the input Go's decoder
    /// yields U+FFFD without consuming anything.
    func nextRune(at position: Int, end: Int? = nil) throws(RegexError) -> (UInt32, Int) {
        let limit = end ?? count
        guard position < limit else { return (0xFFFD, position) }
        let (rune, width) = UTF8Decoding.decode(pattern, at: position, end: limit)
        if rune == 0xFFFD && width == 1 {
            throw RegexError(.invalidUTF8, text(position..<count))
        }
        return (rune, position + width)
    }

    // Stack operations.

    /// Pushes an operand; `height` is its tree height when known from the
    /// stack entries it was built from (leaves have height 1).
    mutating func push(_ node: RegexNode, height: Int = 1) throws(RegexError) {
        if height > Self.maximumHeight {
            throw RegexError(.nestingDepth, wholePattern)
        }
        stack.append(.node(node, height: height))
    }

    mutating func pushLiteral(_ rune: UInt32) throws(RegexError) {
        try push(.literal(rune, foldCase: flags.contains(.foldCase)))
    }

    /// Applies a repetition operator to the top of the stack. `after` is just
    /// past the operator; a following `?` flips greediness. Returns the
    /// position after the operator.
    mutating func applyRepetition(
        _ kind: RepetitionKind, operatorStart: Int, after: Int, lastRepeat: Int?
    ) throws(RegexError) -> Int {
        var after = after
        var repeatFlags = flags
        if byte(after) == UInt8(ascii: "?") {
            after += 1
            repeatFlags.formSymmetricDifference(.nonGreedy)
        }
        if let lastRepeat {
            // Perl forbids stacked repetition operators: a** is an error.
            throw RegexError(.invalidRepeatOperator, text(lastRepeat..<after))
        }
        guard let top = stack.last, case .node(let sub, let subHeight) = top else {
            throw RegexError(.missingRepeatArgument, text(operatorStart..<after))
        }
        let node = RegexNode.repetition(sub, kind, greedy: !repeatFlags.contains(.nonGreedy))
        if subHeight + 1 > Self.maximumHeight {
            throw RegexError(.nestingDepth, wholePattern)
        }
        stack[stack.count - 1] = .node(node, height: subHeight + 1)
        if case .counted(let minimum, let maximum) = kind, minimum >= 2 || maximum >= 2,
            !Self.repeatIsValid(node, Self.maximumRepeat)
        {
            throw RegexError(.invalidRepeatSize, text(operatorStart..<after))
        }
        return after
    }

    /// Whether nested counted repetitions stay within `limit` copies of the
    /// innermost expression (Go's repeatIsValid).
    static func repeatIsValid(_ node: RegexNode, _ limit: Int) -> Bool {
        var limit = limit
        if case .repetition(_, .counted(let minimum, let maximum), _) = node {
            var count = maximum
            if count == 0 { return true }
            if count < 0 { count = minimum }
            if count > limit { return false }
            if count > 0 { limit /= count }
        }
        return node.children.allSatisfy { repeatIsValid($0, limit) }
    }

    /// Go's calcSize: an estimate of the compiled program's size.
    static func size(of node: RegexNode) -> Int {
        let result: Int
        switch node {
        case .capture(_, _, let sub):
            result = 2 + size(of: sub)
        case .repetition(let sub, .star, _):
            result = 2 + size(of: sub)
        case .repetition(let sub, .plus, _), .repetition(let sub, .question, _):
            result = 1 + size(of: sub)
        case .repetition(let sub, .counted(let minimum, let maximum), _):
            let subSize = size(of: sub)
            if maximum == -1 {
                result = minimum == 0 ? 2 + subSize : 1 + minimum.multipliedReportingOverflow(by: subSize).partialValue
            } else {
                result = maximum.multipliedReportingOverflow(by: subSize).partialValue + (maximum - minimum)
            }
        case .concatenation(let subs):
            result = subs.reduce(0) { $0 &+ size(of: $1) }
        case .alternation(let subs):
            result = subs.reduce(0) { $0 &+ size(of: $1) } + max(0, subs.count - 1)
        default:
            result = 1
        }
        return max(1, result)
    }

    /// Replaces the entries above the topmost pseudo-operator by their
    /// concatenation.
    mutating func concatenate() throws(RegexError) {
        var index = stack.count
        while index > 0 && !stack[index - 1].isPseudo { index -= 1 }
        var nodes: [RegexNode] = []
        var height = 0
        for entry in stack[index...] {
            if case .node(let node, let nodeHeight) = entry {
                nodes.append(node)
                height = max(height, nodeHeight)
            }
        }
        stack.removeSubrange(index...)
        switch nodes.count {
        case 0: try push(.emptyMatch)
        case 1: try push(nodes[0], height: height)
        default:
            // Go merges runs of literals into one literal node.
            try push(.concatenation(nodes), height: nodes.allSatisfy(\.isLiteral) ? 1 : height + 1)
        }
    }

    /// Replaces the entries above the topmost `(` by their alternation.
    mutating func alternate() throws(RegexError) {
        var index = stack.count
        while index > 0 && !stack[index - 1].isPseudo { index -= 1 }
        var nodes: [RegexNode] = []
        var height = 0
        for entry in stack[index...] {
            if case .node(let node, let nodeHeight) = entry {
                nodes.append(node)
                height = max(height, nodeHeight)
            }
        }
        stack.removeSubrange(index...)
        switch nodes.count {
        case 0: try push(.noMatch)
        case 1: try push(nodes[0], height: height)
        default: try push(.alternation(nodes), height: height + 1)
        }
    }

    /// If the top of the stack is an operand above a `|`, swaps the two, so
    /// that alternatives collect below the bar.
    mutating func swapVerticalBar() -> Bool {
        let count = stack.count
        if count >= 2, case .verticalBar = stack[count - 2], !stack[count - 1].isPseudo {
            stack.swapAt(count - 1, count - 2)
            return true
        }
        return false
    }

    mutating func parseVerticalBar() throws(RegexError) {
        try concatenate()
        if !swapVerticalBar() { stack.append(.verticalBar) }
    }

    mutating func parseRightParenthesis() throws(RegexError) {
        try concatenate()
        if swapVerticalBar() { stack.removeLast() }
        try alternate()
        guard stack.count >= 2, case .node(let inner, let innerHeight) = stack[stack.count - 1],
            case .leftParenthesis(let capture, let name, let savedFlags) = stack[stack.count - 2]
        else {
            throw RegexError(.unexpectedParenthesis, wholePattern)
        }
        stack.removeLast(2)
        flags = savedFlags
        if capture == 0 {
            try push(inner, height: innerHeight)
        } else {
            try push(.capture(index: capture, name: name, inner), height: innerHeight + 1)
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` at `position`: (min, max, position after), with
    /// max == -1 for no bound and min == -1 for numbers too large; nil when the
    /// text is not of that form.
    func parseRepeat(at position: Int) -> (Int, Int, Int)? {
        guard byte(position) == UInt8(ascii: "{") else { return nil }
        guard var (minimum, cursor) = parseInteger(at: position + 1), cursor < count else { return nil }
        var maximum: Int
        if pattern[cursor] != UInt8(ascii: ",") {
            maximum = minimum
        } else {
            cursor += 1
            guard cursor < count else { return nil }
            if pattern[cursor] == UInt8(ascii: "}") {
                maximum = -1
            } else {
                guard let (value, after) = parseInteger(at: cursor) else { return nil }
                maximum = value
                cursor = after
                if maximum < 0 { minimum = -1 }
            }
        }
        guard byte(cursor) == UInt8(ascii: "}") else { return nil }
        return (minimum, maximum, cursor + 1)
    }

    /// A decimal integer without leading zeros; -1 when it is 10^8 or more.
    func parseInteger(at position: Int) -> (Int, Int)? {
        guard let first = byte(position), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        if first == UInt8(ascii: "0"), let second = byte(position + 1),
            second >= UInt8(ascii: "0"), second <= UInt8(ascii: "9")
        {
            return nil
        }
        var cursor = position
        var value = 0
        while let digit = byte(cursor), digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") {
            if value >= 100_000_000 {
                value = -1
            } else if value >= 0 {
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            cursor += 1
        }
        return (value, cursor)
    }
}
