#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An error from the file system, with the path and the system's reason.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}

/// What a path is, without following a final symbolic link.
public enum FileKind: Sendable, Equatable {
    case regular(size: Int)
    case directory
    case symbolicLink
    case other
}

/// Plain file access on POSIX, without Foundation.
public enum FileSystem {
    static func errnoText() -> String {
        guard let cString = strerror(errno) else { return "error \(errno)" }
        return String(cString: cString)
    }

    /// The kind of the entry at `path` (`lstat`), or nil when it does not exist.
    public static func kind(of path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// The kind of the entry at `path`, following symbolic links (`stat`).
    public static func resolvedKind(of path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular(size: Int(info.st_size))
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    public static func exists(_ path: String) -> Bool { kind(of: path) != nil }

    public static func isDirectory(_ path: String) -> Bool { resolvedKind(of: path) == .directory }

    /// Reads a whole file. `limit` bounds the size read: a larger file is an
    /// error before any memory is allocated for it.
    public static func read(_ path: String, limit: Int = Int.max) throws(FileSystemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(path: path, reason: errnoText()) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileSystemError(path: path, reason: "is a directory")
        }
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
            throw FileSystemError(path: path, reason: "file is larger than \(limit) bytes")
        }
        // A regular file is read straight into the result's storage (no zero-filled
        // staging buffer); whatever follows the size `fstat` gave (a file that
        // grew, a pipe) comes in chunks.
        let expected = (info.st_mode & S_IFMT) == S_IFREG ? Swift.min(Int(info.st_size), limit) : 0
        var failure: Int32 = 0
        var result = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < expected, let base = buffer.baseAddress {
                let n = Glibc.read(fd, base + count, expected - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if failure != 0 {
            errno = failure
            throw FileSystemError(path: path, reason: errnoText())
        }
        let chunkSize = 1 << 16
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = Glibc.read(fd, chunk.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError(path: path, reason: errnoText())
            }
            if n == 0 { break }
            if result.count + n > limit {
                throw FileSystemError(path: path, reason: "file is larger than \(limit) bytes")
            }
            result.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
        return result
    }

    /// Reads a whole file as UTF-8 text (invalid sequences are replaced).
    public static func readText(_ path: String, limit: Int = Int.max) throws(FileSystemError) -> String {
        String(decoding: try read(path, limit: limit), as: UTF8.self)
    }

    /// The names in a directory, sorted, without `.` and `..`.
    public static func list(_ path: String) throws(FileSystemError) -> [String] {
        guard let dir = opendir(path) else { throw FileSystemError(path: path, reason: errnoText()) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Creates a directory and its parents (`mkdir -p`).
    public static func createDirectory(_ path: String, mode: mode_t = 0o755) throws(FileSystemError) {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if !isDirectory(prefix) {
                if mkdir(prefix, mode) != 0 && errno != EEXIST {
                    throw FileSystemError(path: prefix, reason: errnoText())
                }
            }
            prefix += "/"
        }
    }

    /// Writes a file atomically: a temporary file beside it, flushed, then renamed over it.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(FileSystemError) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = String(path[..<slash])
        } else {
            directory = "."
        }
        if !directory.isEmpty { try createDirectory(directory) }
        var template = Array((directory.isEmpty ? "/" : directory + "/") .utf8CString.dropLast())
        template += Array(".rudder-tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileSystemError(path: path, reason: errnoText()) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: String?
        var written = 0
        while written < bytes.count && failure == nil {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                failure = errnoText()
            } else {
                written += n
            }
        }
        if failure == nil && fchmod(fd, mode) != 0 { failure = errnoText() }
        if failure == nil && fsync(fd) != 0 { failure = errnoText() }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 { failure = errnoText() }
        if let failure {
            unlink(temporary)
            throw FileSystemError(path: path, reason: failure)
        }
    }

    /// Removes a file or an empty directory; a missing path is not an error.
    public static func remove(_ path: String) {
        if isDirectory(path) { rmdir(path) } else { unlink(path) }
    }

    /// Removes a directory tree (never following symbolic links). Works through
    /// directory descriptors (`openat`, `unlinkat`) with the entry types that
    /// `readdir` gives, so no path is looked up twice and no entry is `stat`ed
    /// unless the file system leaves its type unknown.
    public static func removeTree(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            // Not a directory (a file or a link), or missing.
            unlink(path)
            return
        }
        removeContents(of: fd)
        rmdir(path)
    }

    /// Removes everything inside the directory open at `fd`, and closes `fd`.
    static func removeContents(of fd: Int32) {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(dir) }
        // The names first, then the removals: a directory is not changed while it is read.
        var entries: [(name: [CChar], isDirectory: Bool?)] = []
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 }) + [0]
            }
            if name == [0x2E, 0] || name == [0x2E, 0x2E, 0] { continue }
            let isDirectory: Bool? = type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)
            entries.append((name, isDirectory))
        }
        for entry in entries {
            entry.name.withUnsafeBufferPointer { buffer in
                guard let name = buffer.baseAddress else { return }
                if entry.isDirectory != true {
                    // A file or link, or (type unknown) perhaps a directory.
                    if unlinkat(fd, name, 0) == 0 || entry.isDirectory == false || errno != EISDIR { return }
                }
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else {
                    unlinkat(fd, name, 0)
                    return
                }
                removeContents(of: child)
                unlinkat(fd, name, AT_REMOVEDIR)
            }
        }
    }

    /// The value of an environment variable.
    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }
}
