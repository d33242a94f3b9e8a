#if canImport(Glibc)
import Glibc
#endif

/// Reads the heads of rendered documents (kind, hooks: `ManifestHeadReader`)
/// on a second thread while later templates are still executing on the
/// first, so that a one-shot `rudder template` spends no time on them after
/// rendering. Files are submitted as they render; `finish()` returns every
/// document's head (or YAML error) by document text, which is what
/// `ManifestSorter.sort` asks for. Anything the pipeline did not read is
/// read on demand by the caller, so a missing entry only costs time.
final class HeadReadingPipeline: @unchecked Sendable {
    typealias Heads = [String: Result<ManifestHead, any Error>]

    // Guarded by `lock`: files waiting for the worker, and whether more may come.
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeUp: UnsafeMutablePointer<pthread_cond_t>
    private var pending: [String] = []
    private var closed = false
    private var worker: BackgroundWork<Heads>?

    init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
        wakeUp = .allocate(capacity: 1)
        wakeUp.initialize(to: pthread_cond_t())
        pthread_cond_init(wakeUp, nil)
        worker = BackgroundWork { [self] in readUntilClosed() }
    }

    deinit {
        pthread_cond_destroy(wakeUp)
        pthread_mutex_destroy(lock)
        wakeUp.deallocate()
        lock.deallocate()
    }

    /// Queues a rendered file's text (NOTES.txt and partials are not manifests: skip them).
    func submit(_ content: String) {
        pthread_mutex_lock(lock)
        pending.append(content)
        pthread_cond_signal(wakeUp)
        pthread_mutex_unlock(lock)
    }

    /// Ends the input and waits for the worker: the heads read, by document text.
    /// Call it once, also when rendering failed (it ends the thread).
    func finish() -> Heads {
        pthread_mutex_lock(lock)
        closed = true
        pthread_cond_signal(wakeUp)
        pthread_mutex_unlock(lock)
        let heads = worker?.finish() ?? [:]
        worker = nil  // the worker's closure holds this object
        return heads
    }

    private func readUntilClosed() -> Heads {
        var heads: Heads = [:]
        while true {
            pthread_mutex_lock(lock)
            while pending.isEmpty && !closed { pthread_cond_wait(wakeUp, lock) }
            let batch = pending
            pending.removeAll()
            let done = closed
            pthread_mutex_unlock(lock)
            for content in batch {
                for document in ManifestSorter.split(content) where heads[document] == nil {
                    heads[document] = Result { try ManifestHeadReader.read(document) }
                }
            }
            if done && batch.isEmpty { return heads }
        }
    }
}
