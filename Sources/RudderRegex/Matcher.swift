/// Which matching engine `GoRegex` runs (tests force each one).
enum EnginePreference: Sendable {
    /// The backtracker when its visited set is small, else the Pike VM (as Go).
    case automatic
    case pikeVM
    case backtracker
}

/// One matching engine, reused across the searches of one API call.
struct Matcher {
    // Optionals rather than an enum with payloads, so that the engines are
    // mutated in place (no copy of their buffers on each search).
    var pikeVM: PikeVM?
    var backtracker: Backtracker?

    init(program: Program, slotCount: Int, length: Int, preference: EnginePreference) {
        let useBacktracker: Bool
        switch preference {
        case .automatic: useBacktracker = Backtracker.fits(program, length: length)
        case .pikeVM: useBacktracker = false
        case .backtracker: useBacktracker = true
        }
        if useBacktracker {
            backtracker = Backtracker(program: program, slotCount: slotCount)
        } else {
            pikeVM = PikeVM(program: program, slotCount: slotCount)
        }
    }

    /// The leftmost-first match searching from byte `start`: capture slots
    /// (-1 for unset; empty when no slots were asked for), or nil.
    mutating func execute(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int]? {
        if backtracker != nil {
            return backtracker?.execute(text, from: start) ?? nil
        }
        return pikeVM?.execute(text, from: start) ?? nil
    }
}
