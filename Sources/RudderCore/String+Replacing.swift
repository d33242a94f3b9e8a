extension String {
    /// Replaces every occurrence of `target` (no Foundation here). Byte-wise, so
    /// it matches Go's `strings.ReplaceAll` on UTF-8 text.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        let haystack = Array(utf8)
        let needle = Array(target.utf8)
        guard haystack.count >= needle.count else { return self }
        var result: [UInt8] = []
        result.reserveCapacity(haystack.count)
        let replacementBytes = Array(replacement.utf8)
        var i = 0
        var changed = false
        let first = needle[0]
        while i < haystack.count {
            if haystack[i] == first, i + needle.count <= haystack.count,
                haystack[i..<(i + needle.count)].elementsEqual(needle)
            {
                result.append(contentsOf: replacementBytes)
                i += needle.count
                changed = true
            } else {
                result.append(haystack[i])
                i += 1
            }
        }
        return changed ? String(decoding: result, as: UTF8.self) : self
    }
}
