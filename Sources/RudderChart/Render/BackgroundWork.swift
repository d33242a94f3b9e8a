#if canImport(Glibc)
import Glibc
#endif

/// Work started on a second thread and collected later with `finish()`: lets one
/// `rudder template` use both cores for independent steps (parsing templates
/// while values are read and checked). A bare POSIX thread, so a single
/// invocation pays for no thread pool. If no thread can be made, the work runs
/// in `finish()` on the caller's thread instead: same result, only later.
final class BackgroundWork<Result: Sendable>: BackgroundThreadJob, @unchecked Sendable {
    // Written by the worker before it exits; read only after `pthread_join`,
    // which orders the two.
    private var result: Result?
    private let body: @Sendable () -> Result
    private var thread = pthread_t()
    private var started = false
    private var finished = false

    init(_ body: @escaping @Sendable () -> Result) {
        self.body = body
        super.init()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        // The thread holds a reference until it has stored the result.
        let context = Unmanaged.passRetained(self).toOpaque()
        if pthread_create(&thread, &attributes, backgroundWorkEntry, context) == 0 {
            started = true
        } else {
            Unmanaged<BackgroundWork>.fromOpaque(context).release()
        }
    }

    override func runOnWorker() {
        result = body()
    }

    /// Waits for the work (or does it now, if no thread was started) and returns
    /// its result. One thread calls it (not necessarily the one that started it).
    func finish() -> Result {
        if started && !finished {
            pthread_join(thread, nil)
            finished = true
        }
        if let result { return result }
        let computed = body()
        result = computed
        return computed
    }

    deinit {
        // Dropped unfinished (an early error return): let the thread end on its own.
        if started && !finished { pthread_detach(thread) }
    }
}

/// What the thread's entry function sees of a `BackgroundWork` (it cannot name the generic type).
class BackgroundThreadJob: @unchecked Sendable {
    func runOnWorker() {}
}

private func backgroundWorkEntry(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let raw else { return nil }
    let work = Unmanaged<BackgroundThreadJob>.fromOpaque(raw)
    work.takeUnretainedValue().runOnWorker()
    work.release()
    return nil
}

/// Items handed from producing threads to one consuming thread, which takes
/// them in batches (`take()`), until `close()` and the last batch.
final class WorkQueue<Item>: @unchecked Sendable {
    // Guarded by `lock`: items waiting, and whether more may come.
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeUp: UnsafeMutablePointer<pthread_cond_t>
    private var pending: [Item] = []
    private var closed = false
    private var started = false

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
        wakeUp = .allocate(capacity: 1)
        wakeUp.initialize(to: pthread_cond_t())
        pthread_cond_init(wakeUp, nil)
    }

    deinit {
        pthread_cond_destroy(wakeUp)
        pthread_mutex_destroy(lock)
        wakeUp.deallocate()
        lock.deallocate()
    }

    /// `body` run under the queue's lock (for state that goes with the queue).
    func locked<Result>(_ body: () -> Result) -> Result {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }

    /// Queues `item`; false, and nothing queued, once closed. `first` runs
    /// under the queue's lock for the first item ever (to start a consumer).
    @discardableResult
    func submit(_ item: Item, first: () -> Void = {}) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard !closed else { return false }
        if !started {
            started = true
            first()
        }
        pending.append(item)
        pthread_cond_signal(wakeUp)
        return true
    }

    /// Ends the input: `take()` returns what is still queued, then nil.
    func close() {
        pthread_mutex_lock(lock)
        closed = true
        pthread_cond_signal(wakeUp)
        pthread_mutex_unlock(lock)
    }

    /// Waits for items and returns all that are queued; nil once closed and drained.
    func take() -> [Item]? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        while pending.isEmpty && !closed { pthread_cond_wait(wakeUp, lock) }
        if pending.isEmpty { return nil }
        let batch = pending
        pending.removeAll()
        return batch
    }
}
