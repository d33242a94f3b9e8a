#if canImport(Glibc)
import Glibc
#endif

/// Runs deep recursions (nested templates and includes) on a thread with a
/// large stack, so template depth is bounded by our limits, not by the
/// caller's thread (Swift concurrency threads have small stacks). The call
/// is synchronous: the caller waits for the thread.
enum LargeStack {
    static let stackBytes = 1 << 30
    /// Stack kept free below the floor for the frames of one template level.
    static let reserveBytes = 2 << 20

    final class Task {
        let body: (Int) -> Void
        var size = 0
        init(_ body: @escaping (Int) -> Void) { self.body = body }
    }

    /// The address of a local of the calling frame (stacks grow down).
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The lowest address calls on the current thread may use: a fixed budget
    /// below the caller's frame (no system call; any thread has this much left).
    /// Work that needs more is redone on a large stack.
    static func currentThreadFloor() -> UInt {
        currentAddress() &- UInt(callerBudgetBytes)
    }

    /// The floor on a thread this type started with `stackBytes` of stack.
    static func floor(stackBytes: Int) -> UInt {
        currentAddress() &- UInt(max(stackBytes - reserveBytes, 0))
    }

    /// Stack a template may use on the caller's thread before moving to a large stack.
    static let callerBudgetBytes = 192 << 10

    /// Runs `body(stackBytes)` on a new thread with a large stack and waits for it.
    static func run(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { escapable in
            let task = Task(escapable)
            let context = Unmanaged.passRetained(task).toOpaque()
            defer { Unmanaged<Task>.fromOpaque(context).release() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            var size = stackBytes
            var thread = pthread_t()
            while size >= 16 << 20 {
                pthread_attr_setstacksize(&attributes, size)
                task.size = size
                if pthread_create(&thread, &attributes, largeStackEntry, context) == 0 {
                    pthread_join(thread, nil)
                    return
                }
                size /= 4
            }
            // No thread: run here with a conservative budget.
            task.body(4 << 20)
        }
    }
}

private func largeStackEntry(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let raw else { return nil }
    let task = Unmanaged<LargeStack.Task>.fromOpaque(raw).takeUnretainedValue()
    task.body(task.size)
    return nil
}
