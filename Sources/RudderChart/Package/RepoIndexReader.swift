import RudderCore
import RudderYAML

/// Reads an existing `index.yaml` for `--merge`, as Helm's `LoadIndexFile`:
/// entries whose metadata fails validation are dropped, an empty `apiVersion`
/// of an entry becomes v1, and an index without `apiVersion` is refused.
enum RepoIndexReader {
    static func read(_ path: String, limits: LoadLimits) throws(ChartError) -> [String: [IndexEntry]] {
        let data: [UInt8]
        do {
            data = try FileSystem.read(path, limit: limits.maxChartSize)
        } catch {
            throw ChartError("merge failed: \(error.reason)", file: path)
        }
        let document: Value
        do {
            document = try YAMLReader.unmarshal(data, file: path, top: .any)
        } catch {
            throw ChartError("merge failed: \(error.helmMessage)", file: path, position: error.position)
        }
        guard case .map(let top) = document else {
            throw ChartError("merge failed: no API version specified", file: path, fix: "the index must be a map with 'apiVersion: v1'")
        }
        guard case .string(let apiVersion)? = top["apiVersion"], !apiVersion.isEmpty else {
            throw ChartError("merge failed: no API version specified", file: path, fix: "the index must have 'apiVersion: v1'")
        }
        var result: [String: [IndexEntry]] = [:]
        guard case .map(let entries)? = top["entries"] else { return result }
        for (name, versions) in entries {
            guard case .list(let list) = versions else { continue }
            for item in list {
                guard case .map(let fields) = item else { continue }
                guard var metadata = try? ChartMetadata(decoding: item) else { continue }
                if metadata.apiVersion.isEmpty { metadata.apiVersion = ChartMetadata.apiVersionV1 }
                do { try metadata.validate() } catch { continue }
                var urls: [String] = []
                if case .list(let list)? = fields["urls"] {
                    for url in list { if case .string(let text) = url { urls.append(text) } }
                }
                var created = "0001-01-01T00:00:00Z"
                if case .string(let text)? = fields["created"] { created = ChartLockFile.normaliseTime(text) ?? text }
                var digest = ""
                if case .string(let text)? = fields["digest"] { digest = text }
                var removed = false
                if case .bool(let flag)? = fields["removed"] { removed = flag }
                result[name, default: []].append(
                    IndexEntry(metadata: metadata, urls: urls, created: created, digest: digest, removed: removed))
            }
        }
        return result
    }
}

/// Times stamped in archives.
enum ArchiveTimes {
    /// The modification time of the first file entry of a gzipped tar (a PAX
    /// `mtime` record wins over the header field); nil when unreadable.
    static func firstEntryTime(_ data: [UInt8]) -> Timestamp? {
        guard let inflater = try? GzipInflater(data) else { return nil }
        var paxTime: Timestamp?
        for _ in 0..<4 {
            guard let block = try? inflater.read(512), block.count == 512 else { return nil }
            guard let size = TarReader.number(block[124..<136]), size >= 0 else { return nil }
            let type = block[156]
            if type == UInt8(ascii: "x") {
                guard size <= TarReader.maxMetadataSize, let record = try? inflater.read(size), record.count == size else { return nil }
                if let text = (try? TarReader.paxRecords(record))?["mtime"],
                   let seconds = Int64(text.split(separator: ".").first ?? "") {
                    paxTime = Timestamp(seconds: seconds)
                }
                _ = try? inflater.skip((512 - size % 512) % 512)
                continue
            }
            if let paxTime { return paxTime }
            guard let seconds = TarReader.number(block[136..<148]) else { return nil }
            return Timestamp(seconds: Int64(seconds))
        }
        return nil
    }
}
