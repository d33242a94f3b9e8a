/// Reads the heads of rendered documents (kind, hooks: `ManifestHeadReader`)
/// on a second thread while later templates are still executing on the
/// first, so that a one-shot `rudder template` spends no time on them after
/// rendering. Files are submitted as they render; `finish()` returns every
/// document's head (or YAML error) by document text, which is what
/// `ManifestSorter.sort` asks for. Anything the pipeline did not read is
/// read on demand by the caller, so a missing entry only costs time.
final class HeadReadingPipeline: @unchecked Sendable {
    typealias Heads = [String: Result<ManifestHead, any Error>]

    private let queue = WorkQueue<String>()
    private var worker: BackgroundWork<Heads>?

    init() {
        let queue = self.queue
        worker = BackgroundWork {
            var heads: Heads = [:]
            while let batch = queue.take() {
                for content in batch {
                    for document in ManifestSorter.split(content) where heads[document] == nil {
                        heads[document] = Result { try ManifestHeadReader.read(document) }
                    }
                }
            }
            return heads
        }
    }

    /// Queues a rendered file's text (NOTES.txt and partials are not manifests: skip them).
    func submit(_ content: String) {
        queue.submit(content)
    }

    /// Ends the input and waits for the worker: the heads read, by document text.
    /// Call it once, also when rendering failed (it ends the thread).
    func finish() -> Heads {
        queue.close()
        let heads = worker?.finish() ?? [:]
        worker = nil
        return heads
    }
}
