extension String {
    /// Replaces every occurrence of `target` (no Foundation here). Byte-wise, so
    /// it matches Go's `strings.ReplaceAll` on UTF-8 text. Returns `self`
    /// without copying when `target` does not occur.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        let needle = Array(target.utf8)
        var text = self
        return text.withUTF8 { haystack -> String in
            var matches: [Int] = []
            var i = 0
            let last = haystack.count - needle.count
            let first = needle[0]
            while i <= last {
                if haystack[i] == first {
                    var k = 1
                    while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                    if k == needle.count {
                        matches.append(i)
                        i += needle.count
                        continue
                    }
                }
                i += 1
            }
            if matches.isEmpty { return self }
            let replacementBytes = Array(replacement.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(haystack.count + matches.count * max(replacementBytes.count - needle.count, 0))
            var copied = 0
            for match in matches {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: haystack[copied..<match]))
                result.append(contentsOf: replacementBytes)
                copied = match + needle.count
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: haystack[copied...]))
            return String(decoding: result, as: UTF8.self)
        }
    }
}
