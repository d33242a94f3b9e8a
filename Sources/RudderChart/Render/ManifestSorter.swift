import RudderCore
import RudderYAML
#if canImport(Glibc)
import Glibc
#endif

/// Splitting rendered files into documents and ordering them as Helm installs
/// them (Helm's `releaseutil.SplitManifests` and `SortManifests`).

/// The fields of a document's head that ordering needs (Helm's `SimpleHead`).
public typealias ManifestHead = YAMLDocumentHead

/// One document of a rendered template file.
public struct Manifest: Sendable, Equatable {
    /// The template's path, e.g. `mychart/templates/deployment.yaml`.
    public var path: String
    /// The document text, trimmed of surrounding whitespace.
    public var content: String
    public var head: ManifestHead
}

/// A hook document (annotated `helm.sh/hook`), printed after the manifests.
public struct HookManifest: Sendable, Equatable {
    public var manifest: Manifest
    public var events: [String]
    public var isTest: Bool { events.contains("test") || events.contains("test-success") }
}

public enum ManifestSorter {
    /// Helm's install order of kinds; other kinds come after these, alphabetically.
    public static let installOrder: [String] = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
        "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
        "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
        "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
        "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]

    static let rank: [String: Int] = {
        var r: [String: Int] = [:]
        for (i, k) in installOrder.enumerated() { r[k] = i }
        return r
    }()

    /// The hook events Helm knows; a document with any other event is dropped.
    static let hookEvents: Set<String> = [
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
        "post-upgrade", "pre-rollback", "post-rollback", "test", "test-success",
    ]

    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B
    }

    /// Go's `strings.TrimSpace` over ASCII whitespace (and what Go counts as space in UTF-8 is
    /// a superset; templates' output only ever differs in ASCII here).
    public static func trimSpace(_ s: Substring) -> Substring {
        let u = s.utf8
        var start = u.startIndex
        var end = u.endIndex
        while start < end, isSpace(u[start]) { start = u.index(after: start) }
        while end > start {
            let before = u.index(before: end)
            if isSpace(u[before]) { end = before } else { break }
        }
        return s[start..<end]
    }

    /// Splits a rendered file into documents as Helm does: on the regular expression
    /// `(?:^|\s*\n)---\s*` over the trimmed text; empty pieces are dropped, others trimmed.
    public static func split(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { splitDocuments($0) }
    }

    /// `split` over the text's bytes (read in place: no copy of the text).
    static func splitDocuments(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var documents: [String] = []
        var n = bytes.count
        var i = 0
        // Go's TrimSpace first.
        while i < n, isSpace(bytes[i]) { i += 1 }
        while n > i, isSpace(bytes[n - 1]) { n -= 1 }
        var pieceStart = i

        func emit(_ end: Int) {
            // The piece trimmed of whitespace, made into a String once.
            var start = pieceStart
            var stop = end
            while start < stop, isSpace(bytes[start]) { start += 1 }
            while stop > start, isSpace(bytes[stop - 1]) { stop -= 1 }
            if stop > start {
                documents.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self))
            }
        }
        func isDashes(_ at: Int) -> Bool {
            at + 3 <= n && bytes[at] == 0x2D && bytes[at + 1] == 0x2D && bytes[at + 2] == 0x2D
        }
        func skipSpaces(_ from: Int) -> Int {
            var j = from
            while j < n, isSpace(bytes[j]) { j += 1 }
            return j
        }

        // A separator at the very start (`^---\s*`).
        if isDashes(i) {
            i = skipSpaces(i + 3)
            pieceStart = i
        }
        // Every other separator is `\s*\n---\s*`: a newline followed by `---`
        // (memchr finds the newlines). The whitespace before the newline ends the
        // piece, which `emit` trims anyway; the whitespace after is skipped.
        guard let base = bytes.baseAddress else { return documents }
        while i < n, let found = memchr(base + i, 0x0A, n - i) {
            let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard isDashes(newline + 1) else {
                i = newline + 1
                continue
            }
            emit(newline)
            i = skipSpaces(newline + 4)
            pieceStart = i
        }
        emit(n)
        return documents
    }

    /// A value as Go's `log/slog` text handler writes it: quoted (strconv.Quote)
    /// when empty or holding a space, `=`, `"`, a control character or a rune
    /// that is not printable; as it is otherwise.
    static func slogValue(_ value: String) -> String {
        var needsQuoting = value.isEmpty
        for scalar in value.unicodeScalars where !needsQuoting {
            if scalar.value < 0x80 {
                let b = scalar.value
                needsQuoting = b == 0x20 || b == 0x3D || b == 0x22 || b < 0x20 || b == 0x7F
            } else {
                needsQuoting = scalar.properties.isWhitespace || !GoQuote.isPrint(scalar)
            }
        }
        return needsQuoting ? GoQuote.quote(value) : value
    }

    /// A kind's place in Helm's order, computed once per document: its rank in
    /// `installOrder`, or (unknown kinds, after every known one) its name, which
    /// Go compares byte by byte.
    struct KindKey: Comparable {
        var rank: Int
        var name: String

        init(_ kind: String) {
            if let known = ManifestSorter.rank[kind] {
                rank = known
                name = ""
            } else {
                rank = ManifestSorter.installOrder.count
                name = kind
            }
        }

        static func < (a: KindKey, b: KindKey) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            return a.rank == ManifestSorter.installOrder.count && ManifestSorter.bytesPrecede(a.name, b.name)
        }
    }

    /// Whether `a`'s UTF-8 bytes come before `b`'s (Go's string order).
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let common = Swift.min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let order = memcmp(l, r, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    /// A stable sort by kind: each kind's key computed once, ties kept in input order.
    static func stableSortByKind<T>(_ items: [T], kind: (T) -> String) -> [T] {
        guard items.count > 1 else { return items }
        let keys = items.map { KindKey(kind($0)) }
        let unknown = installOrder.count
        var order = Array(keys.indices)
        keys.withUnsafeBufferPointer { keys in
            order.sort { l, r in
                let left = keys[l].rank
                let right = keys[r].rank
                if left != right { return left < right }
                if left == unknown {
                    if bytesPrecede(keys[l].name, keys[r].name) { return true }
                    if bytesPrecede(keys[r].name, keys[l].name) { return false }
                }
                return l < r
            }
        }
        return order.map { items[$0] }
    }

    /// The files' indices ordered by path, byte by byte (Go's `sort.Sort` by
    /// name; equal paths, which a chart cannot hold, keep their order). The
    /// paths are gathered in one buffer first: comparisons then touch no
    /// reference counts.
    static func pathOrder(_ files: [(path: String, content: String)]) -> [Int] {
        var order = Array(files.indices)
        guard files.count > 1 else { return order }
        var bytes: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(files.count)
        for file in files {
            let start = bytes.count
            var path = file.path
            path.withUTF8 { bytes.append(contentsOf: $0) }
            spans.append((start, bytes.count - start))
        }
        bytes.withUnsafeBufferPointer { all in
            spans.withUnsafeBufferPointer { spans in
                order.sort { l, r in
                    let a = spans[l]
                    let b = spans[r]
                    let common = Swift.min(a.count, b.count)
                    if common > 0, let base = all.baseAddress {
                        let comparison = memcmp(base + a.start, base + b.start, common)
                        if comparison != 0 { return comparison < 0 }
                    }
                    if a.count != b.count { return a.count < b.count }
                    return l < r
                }
            }
        }
        return order
    }

    /// Whether the last component of a `/`-separated path starts with `_`.
    static func baseNameIsPartial(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var start = bytes.count
            while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
            return start < bytes.count && bytes[start] == UInt8(ascii: "_")
        }
    }

    /// Sorts rendered files into manifests and hooks, as Helm's `SortManifests` does:
    /// files by path, documents in file order, each list stably sorted by kind.
    /// `head` parses a document's head; its error is Helm's YAML parse error.
    public static func sort(
        files: [(path: String, content: String)],
        head: (String) throws -> ManifestHead,
        log: (String) -> Void = { _ in }
    ) throws -> (manifests: [Manifest], hooks: [HookManifest]) {
        var manifests: [Manifest] = []
        var hooks: [HookManifest] = []
        for index in pathOrder(files) {
            let file = files[index]
            if baseNameIsPartial(file.path) { continue }
            // A blank file splits into no documents.
            for document in split(file.content) {
                let h: ManifestHead
                do {
                    h = try head(document)
                } catch {
                    throw ManifestError.yamlParse(path: file.path, underlying: "\(error)")
                }
                let manifest = Manifest(path: file.path, content: document, head: h)
                guard let hookValue = h.annotations["helm.sh/hook"] else {
                    manifests.append(manifest)
                    continue
                }
                var events: [String] = []
                var unknown = false
                for raw in hookValue.split(separator: ",", omittingEmptySubsequences: false) {
                    let event = String(trimSpace(raw)).lowercased()
                    if !hookEvents.contains(event) {
                        unknown = true
                        break
                    }
                    events.append(event)
                }
                if unknown {
                    log("level=INFO msg=\"skipping unknown hooks\" hookTypes=\(slogValue(hookValue))")
                    continue
                }
                hooks.append(HookManifest(manifest: manifest, events: events))
            }
        }
        return (stableSortByKind(manifests) { $0.head.kind }, stableSortByKind(hooks) { $0.manifest.head.kind })
    }
}

/// Errors of ordering rendered output.
public enum ManifestError: Error, Sendable, CustomStringConvertible {
    /// Helm: `YAML parse error on <path>: <error>`.
    case yamlParse(path: String, underlying: String)

    public var description: String {
        switch self {
        case .yamlParse(let path, let underlying): return "YAML parse error on \(path): \(underlying)"
        }
    }
}
