import RudderCore
import RudderTemplate

extension ChartRenderer {
    /// `render`, with the templates split between this thread and a second
    /// one: the earlier files (in Helm's order) here, the later ones there,
    /// each half from its own copy of the values. For a single release, whose
    /// render otherwise leaves the second core to schema checks and head reading.
    ///
    /// The result is exactly `render`'s. Files see each other only through
    /// the shared `.Values` (a `set` on it, or on a map inside it, is seen by
    /// the files after); the second half ran without the first half's
    /// changes, so when the first half made one, everything is rendered again
    /// one file after another. An error in the first half is the render's
    /// error (the files after it never run in Helm); an error in the second
    /// half is too when the first half changed nothing shared.
    func renderSplit(
        values: Value, release: ReleaseInfo, capabilities: Capabilities, options: ExecutionOptions,
        rendered: ((_ path: String, _ content: String) -> Void)? = nil
    ) throws(RenderError) -> [(path: String, content: String)] {
        let files = entries.filter { !$0.isPartial }
        let split = Self.splitPoint(files)
        guard split > 0 && split < files.count else {
            return try render(values: values, release: release, capabilities: capabilities, options: options, rendered: rendered)
        }
        let later = Array(files[split...])
        let engine = self
        let secondHalf = BackgroundWork { () -> Result<[(path: String, content: String)], RenderError> in
            do throws(RenderError) {
                return .success(
                    try engine.execute(later, values: values, release: release, capabilities: capabilities, options: options)
                        .output)
            } catch {
                return .failure(error)
            }
        }
        let first: Result<(output: [(path: String, content: String)], sharedDataChanged: Bool), RenderError>
        do throws(RenderError) {
            first = .success(
                try execute(
                    Array(files[..<split]), values: values, release: release, capabilities: capabilities,
                    options: options, rendered: rendered))
        } catch {
            first = .failure(error)
        }
        // Joined even when the first half failed: no render outlives the call.
        let second = secondHalf.finish()
        let firstHalf = try first.get()
        if firstHalf.sharedDataChanged {
            return try render(values: values, release: release, capabilities: capabilities, options: options, rendered: rendered)
        }
        let output = try second.get()
        for file in output { rendered?(file.path, file.content) }
        return firstHalf.output + output
    }

    /// Where the second half starts: about half of the template text on each side.
    static func splitPoint(_ files: [TemplateEntry]) -> Int {
        let total = files.reduce(0) { $0 + $1.text.utf8.count }
        var index = 0
        var size = 0
        while index < files.count && 2 * (size + files[index].text.utf8.count) <= total {
            size += files[index].text.utf8.count
            index += 1
        }
        return max(index, 1)
    }
}
