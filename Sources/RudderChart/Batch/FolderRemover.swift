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
    private let queue = WorkQueue<String>()
    // Set under the queue's lock, by the first `remove`.
    private var worker: BackgroundWork<Void>?

    /// Queues `path` for removal (the thread starts with the first one).
    /// After `finish()`, removes it at once on the caller's thread.
    func remove(_ path: String) {
        let queue = self.queue
        let queued = queue.submit(path) {
            worker = BackgroundWork {
                while let batch = queue.take() {
                    for path in batch { FileSystem.removeTree(path) }
                }
            }
        }
        if !queued { FileSystem.removeTree(path) }
    }

    /// Waits until every queued folder is removed, and ends the thread.
    func finish() {
        queue.close()
        let running = queue.locked { () -> BackgroundWork<Void>? in
            defer { worker = nil }
            return worker
        }
        running?.finish()
    }
}
