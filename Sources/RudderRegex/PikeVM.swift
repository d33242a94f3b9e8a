/// Thompson-NFA simulation with submatch tracking (a Pike VM), as Go's
/// regexp `machine`: threads are kept in priority order, each program
/// instruction is visited at most once per input position, so the time is
/// O(program size × input length) whatever the pattern.
struct PikeVM {
    /// Threads waiting at one input position, in priority order.
    struct ThreadQueue {
        /// `visited[pc] == generation` when pc was added at this position.
        var visited: [UInt32]
        var generation: UInt32 = 1
        var programCounters: [Int32] = []
        /// Capture slots, `slotCount` per thread, in thread order.
        var slots: [Int]

        /// Capture storage grows with the number of live threads, not with the
        /// program size, so large programs do not allocate up front.
        init(size: Int, slotCount: Int) {
            visited = Array(repeating: 0, count: size)
            slots = Array(repeating: -1, count: min(size, 16) * slotCount)
        }

        mutating func clear() {
            programCounters.removeAll(keepingCapacity: true)
            generation &+= 1
            if generation == 0 {
                for index in visited.indices { visited[index] = 0 }
                generation = 1
            }
        }
    }

    enum Job {
        case explore(Int32)
        case restore(slot: Int, value: Int)
    }

    let program: Program
    let slotCount: Int
    var current: ThreadQueue
    var next: ThreadQueue
    var jobs: [Job] = []
    var scratch: [Int]
    var matchSlots: [Int]
    var matched = false

    /// `slotCount` is how many capture slots the caller wants (0 for a yes/no
    /// answer, 2 for the match bounds, all for submatches).
    init(program: Program, slotCount: Int) {
        self.program = program
        self.slotCount = slotCount
        let size = program.instructions.count
        current = ThreadQueue(size: size, slotCount: slotCount)
        next = ThreadQueue(size: size, slotCount: slotCount)
        scratch = Array(repeating: -1, count: slotCount)
        matchSlots = Array(repeating: -1, count: slotCount)
    }

    /// The leftmost-first match starting the search at byte `start`, as slot
    /// positions (-1 for unset), or nil. With slotCount 0 an empty array means
    /// a match.
    mutating func execute(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int]? {
        let end = text.count
        guard start <= end else { return nil }
        matched = false
        for index in matchSlots.indices { matchSlots[index] = -1 }
        current.clear()
        next.clear()

        var position = start
        var (rune, width) = Self.step(text, position)
        var (nextRune, nextWidth) = rune >= 0 ? Self.step(text, position + width) : (-1, 0)
        var assertions = EmptyAssertions.holding(before: UTF8Decoding.runeBefore(text, position), after: rune)
        let prefix = program.literalPrefix
        while true {
            if current.programCounters.isEmpty {
                if program.anchoredAtStart && position != 0 { break }
                if matched { break }
                // Every match starts with the literal prefix, or with one of
                // the first bytes: skip to the next place that can.
                if !prefix.isEmpty || program.firstBytes != nil {
                    let candidate = prefix.isEmpty
                        ? program.nextCandidate(in: text, from: position) : Self.find(prefix, in: text, from: position)
                    guard let found = candidate else { break }
                    if found != position {
                        position = found
                        (rune, width) = Self.step(text, position)
                        (nextRune, nextWidth) = rune >= 0 ? Self.step(text, position + width) : (-1, 0)
                        assertions = EmptyAssertions.holding(
                            before: UTF8Decoding.runeBefore(text, position), after: rune)
                    }
                }
            }
            if !matched && (position == 0 || !program.anchoredAtStart) {
                for index in scratch.indices { scratch[index] = -1 }
                if slotCount > 0 { scratch[0] = position }
                Self.add(program, slotCount, &current, &jobs, &scratch, program.start, position: position, assertions: assertions)
            }
            let nextAssertions = EmptyAssertions.holding(before: rune, after: nextRune)
            advance(position: position, nextPosition: position + width, rune: rune, nextAssertions: nextAssertions)
            swap(&current, &next)
            next.clear()
            if width == 0 { break }
            if slotCount == 0 && matched { break }
            position += width
            (rune, width) = (nextRune, nextWidth)
            if rune >= 0 { (nextRune, nextWidth) = Self.step(text, position + width) } else { (nextRune, nextWidth) = (-1, 0) }
            assertions = nextAssertions
        }
        return matched ? matchSlots : nil
    }

    /// The rune at `position` and its width; (-1, 0) at the end.
    @inline(__always)
    static func step(_ text: UnsafeBufferPointer<UInt8>, _ position: Int) -> (Int32, Int) {
        guard position < text.count else { return (-1, 0) }
        let byte = text[position]
        if byte < 0x80 { return (Int32(byte), 1) }
        let (rune, width) = UTF8Decoding.decode(text, at: position, end: text.count)
        return (Int32(rune), width)
    }

    static func find(_ prefix: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = prefix.first, prefix.count <= text.count else { return nil }
        var index = start
        let last = text.count - prefix.count
        while index <= last {
            if text[index] == first {
                var offset = 1
                while offset < prefix.count && text[index + offset] == prefix[offset] { offset += 1 }
                if offset == prefix.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Runs every thread of `current` over `rune`, adding survivors to `next`.
    mutating func advance(position: Int, nextPosition: Int, rune: Int32, nextAssertions: EmptyAssertions) {
        let count = current.programCounters.count
        var index = 0
        while index < count {
            let pc = current.programCounters[index]
            let instruction = program.instructions[Int(pc)]
            let proceed: Bool
            switch instruction.opcode {
            case .match:
                if slotCount > 0 {
                    let base = index * slotCount
                    for slot in 0..<slotCount { matchSlots[slot] = current.slots[base + slot] }
                    matchSlots[1] = position
                }
                matched = true
                // Leftmost-first: lower-priority threads are cut off.
                return
            case .rune:
                proceed = program.classes[Int(instruction.argument)].contains(rune)
            case .singleRune:
                proceed = rune == instruction.argument
            case .anyRune:
                proceed = rune >= 0
            case .anyRuneExceptNewline:
                proceed = rune >= 0 && rune != 0x0A
            default:
                proceed = false
            }
            if proceed {
                if slotCount > 0 {
                    let base = index * slotCount
                    for slot in 0..<slotCount { scratch[slot] = current.slots[base + slot] }
                }
                Self.add(program, slotCount, &next, &jobs, &scratch, instruction.next, position: nextPosition, assertions: nextAssertions)
            }
            index += 1
        }
    }

    /// Adds the thread at `pc` (with capture slots in `scratch`) and everything
    /// reachable from it without consuming input, in priority order.
    static func add(
        _ program: Program, _ slotCount: Int, _ queue: inout ThreadQueue, _ jobs: inout [Job], _ scratch: inout [Int],
        _ pc: Int32, position: Int, assertions: EmptyAssertions
    ) {
        jobs.append(.explore(pc))
        while let job = jobs.popLast() {
            var pc: Int32
            switch job {
            case .restore(let slot, let value):
                scratch[slot] = value
                continue
            case .explore(let target):
                pc = target
            }
            while pc >= 0 {
                let index = Int(pc)
                if queue.visited[index] == queue.generation { break }
                queue.visited[index] = queue.generation
                let instruction = program.instructions[index]
                switch instruction.opcode {
                case .fail:
                    pc = -1
                case .split:
                    jobs.append(.explore(instruction.argument))
                    pc = instruction.next
                case .nop:
                    pc = instruction.next
                case .assert:
                    let required = EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: instruction.argument))
                    pc = assertions.isSuperset(of: required) ? instruction.next : -1
                case .save:
                    let slot = Int(instruction.argument)
                    if slot < slotCount {
                        jobs.append(.restore(slot: slot, value: scratch[slot]))
                        scratch[slot] = position
                    }
                    pc = instruction.next
                case .match, .rune, .singleRune, .anyRune, .anyRuneExceptNewline:
                    let thread = queue.programCounters.count
                    queue.programCounters.append(pc)
                    if slotCount > 0 {
                        let base = thread * slotCount
                        if base + slotCount > queue.slots.count {
                            queue.slots.append(contentsOf: repeatElement(-1, count: max(queue.slots.count, slotCount)))
                        }
                        for slot in 0..<slotCount { queue.slots[base + slot] = scratch[slot] }
                    }
                    pc = -1
                }
            }
        }
    }
}
