#if canImport(Glibc)
import Glibc
#endif
import RudderCore

/// Removes folders on a thread of its own: the old output of each release
/// once its new output is in place, and an interrupted run's leftovers.
///
/// Removing is mostly waiting: on a file system mounted with `discard`, every
/// freed block (a folder's always, a file's once written back) is discarded
/// on the device before `rmdir` or `unlink` returns. Done on the threads that
/// render, those waits leave cores idle; here they overlap with rendering.
/// The folders it is given are hidden (`.<release>.rudder-…`) and no longer
/// anyone's output; `finish()` waits until every one is gone.
final class FolderRemover: @unchecked Sendable {
    // Guarded by `lock`: folders waiting, whether more may come, the thread.
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wakeUp: UnsafeMutablePointer<pthread_cond_t>
    private var pending: [String] = []
    private var closed = false
    private var worker: BackgroundWork<Void>?

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

    /// Queues `path` for removal (the thread starts with the first one).
    /// After `finish()`, removes it at once on the caller's thread.
    func remove(_ path: String) {
        pthread_mutex_lock(lock)
        guard !closed else {
            pthread_mutex_unlock(lock)
            FileSystem.removeTree(path)
            return
        }
        pending.append(path)
        if worker == nil {
            worker = BackgroundWork { [self] in removeUntilClosed() }
        }
        pthread_cond_signal(wakeUp)
        pthread_mutex_unlock(lock)
    }

    /// Waits until every queued folder is removed, and ends the thread.
    func finish() {
        pthread_mutex_lock(lock)
        closed = true
        let running = worker
        worker = nil  // the worker's closure holds this object
        pthread_cond_signal(wakeUp)
        pthread_mutex_unlock(lock)
        running?.finish()
    }

    private func removeUntilClosed() {
        while true {
            pthread_mutex_lock(lock)
            while pending.isEmpty && !closed { pthread_cond_wait(wakeUp, lock) }
            let batch = pending
            pending.removeAll()
            let done = closed
            pthread_mutex_unlock(lock)
            for path in batch { FileSystem.removeTree(path) }
            if done && batch.isEmpty { return }
        }
    }
}
