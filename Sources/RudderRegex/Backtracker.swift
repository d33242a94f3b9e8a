/// A bounded backtracker (Go's `backtrack.go`) for small programs on short
/// inputs: depth-first in priority order, so the first match found is the
/// leftmost-first one, and each (instruction, position) pair is explored at
/// most once (a visited bit set), which keeps the time linear. It is used only
/// when that bit set stays small.
struct Backtracker {
    static let maximumProgramSize = 500
    static let maximumVisitedBits = 256 * 1024

    /// Whether a program of this size may be run on `length` bytes.
    static func fits(_ program: Program, length: Int) -> Bool {
        let size = program.instructions.count
        return size <= maximumProgramSize && (length + 1) * size <= maximumVisitedBits
    }

    struct Job {
        var pc: Int32
        var position: Int
        /// For a split: the preferred branch is done, take the other one.
        /// For a save: restore the slot to `position`.
        var resume: Bool
    }

    let program: Program
    let slotCount: Int
    var visited: [UInt64] = []
    var jobs: [Job] = []
    var slots: [Int]
    var matchSlots: [Int]
    var end = 0

    init(program: Program, slotCount: Int) {
        self.program = program
        self.slotCount = slotCount
        slots = Array(repeating: -1, count: slotCount)
        matchSlots = Array(repeating: -1, count: slotCount)
    }

    @inline(__always)
    mutating func shouldVisit(_ pc: Int32, _ position: Int) -> Bool {
        let bit = Int(pc) * (end + 1) + position
        let word = bit >> 6, mask = UInt64(1) << UInt64(bit & 63)
        if visited[word] & mask != 0 { return false }
        visited[word] |= mask
        return true
    }

    mutating func push(_ pc: Int32, _ position: Int, resume: Bool) {
        if program.instructions[Int(pc)].opcode != .fail && (resume || shouldVisit(pc, position)) {
            jobs.append(Job(pc: pc, position: position, resume: resume))
        }
    }

    /// Same contract as `PikeVM.execute`.
    mutating func execute(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int]? {
        end = text.count
        guard start <= end else { return nil }
        let words = ((end + 1) * program.instructions.count + 63) / 64
        if visited.count < words {
            visited = Array(repeating: 0, count: words)
        } else {
            for index in 0..<words { visited[index] = 0 }
        }
        for index in matchSlots.indices { matchSlots[index] = -1 }
        if program.anchoredAtStart {
            if start != 0 { return nil }
            return attempt(text, at: start) ? matchSlots : nil
        }
        var position = start
        while position <= end {
            if !program.literalPrefix.isEmpty {
                guard let found = PikeVM.find(program.literalPrefix, in: text, from: position) else { return nil }
                position = found
            } else if program.firstBytes != nil {
                guard let found = program.nextCandidate(in: text, from: position) else { return nil }
                position = found
            }
            if attempt(text, at: position) { return matchSlots }
            let (_, width) = PikeVM.step(text, position)
            if width == 0 { break }
            position += width
        }
        return nil
    }

    /// Explores from the program start at `start`; true on a match.
    mutating func attempt(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for index in slots.indices { slots[index] = -1 }
        if slotCount > 0 { slots[0] = start }
        jobs.removeAll(keepingCapacity: true)
        push(program.start, start, resume: false)
        while let job = jobs.popLast() {
            var pc = job.pc
            var position = job.position
            var resume = job.resume
            var checked = true  // the job's own pair was checked when pushed
            while true {
                if !checked && !shouldVisit(pc, position) { break }
                checked = false
                let instruction = program.instructions[Int(pc)]
                switch instruction.opcode {
                case .fail:
                    break
                case .split:
                    if resume {
                        resume = false
                        pc = instruction.argument
                    } else {
                        jobs.append(Job(pc: pc, position: position, resume: true))
                        pc = instruction.next
                    }
                    continue
                case .save:
                    let slot = Int(instruction.argument)
                    if resume {
                        slots[slot] = position
                        break
                    }
                    if slot < slotCount {
                        jobs.append(Job(pc: pc, position: slots[slot], resume: true))
                        slots[slot] = position
                    }
                    pc = instruction.next
                    continue
                case .nop:
                    pc = instruction.next
                    continue
                case .assert:
                    let required = EmptyAssertions(rawValue: UInt8(truncatingIfNeeded: instruction.argument))
                    let (after, _) = PikeVM.step(text, position)
                    let holding = EmptyAssertions.holding(before: UTF8Decoding.runeBefore(text, position), after: after)
                    guard holding.isSuperset(of: required) else { break }
                    pc = instruction.next
                    continue
                case .match:
                    if slotCount > 0 {
                        for slot in 0..<slotCount { matchSlots[slot] = slots[slot] }
                        if slotCount > 1 { matchSlots[1] = position }
                    }
                    return true
                case .rune, .singleRune, .anyRune, .anyRuneExceptNewline:
                    let (rune, width) = PikeVM.step(text, position)
                    let accepted: Bool
                    switch instruction.opcode {
                    case .rune: accepted = program.classes[Int(instruction.argument)].contains(rune)
                    case .singleRune: accepted = rune == instruction.argument
                    case .anyRune: accepted = rune >= 0
                    default: accepted = rune >= 0 && rune != 0x0A
                    }
                    guard accepted else { break }
                    position += width
                    pc = instruction.next
                    continue
                }
                break
            }
        }
        return false
    }
}
