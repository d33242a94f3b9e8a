import Synchronization

/// Values made from a text (a compiled pattern, a parsed constraint), kept by
/// that text and shared by every render in the process. Text that fails to
/// make a value is not kept (it fails each time). Bounded: at `capacity`
/// entries the table starts again empty, so templates that build the texts
/// from data cannot grow it without limit.
final class TextKeyedCache<Stored: Sendable>: Sendable {
    let capacity: Int
    private let entries = Mutex<[String: Stored]>([:])

    init(capacity: Int = 512) {
        self.capacity = capacity
    }

    /// The value kept for `text`, or the one `make` makes from it (then kept).
    func value<Failure: Error>(_ text: String, make: (String) throws(Failure) -> Stored) throws(Failure) -> Stored {
        if let cached = entries.withLock({ $0[text] }) { return cached }
        let made = try make(text)
        entries.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[text] = made
        }
        return made
    }
}
