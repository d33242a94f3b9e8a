#if canImport(Glibc)
import Glibc
#endif
import RudderCore

/// Whether a release's folder already holds exactly its new output, so that it
/// can be left as it is: no folder written, none swapped, none removed.
///
/// Removing old output is what a re-render mostly waits for on a file system
/// mounted with `discard` (each freed block is discarded on the device before
/// `unlink` returns: about half a millisecond per file here), and most
/// releases of a re-render do not change. A folder counts as unchanged only
/// when it is exactly what the batch would put there: the same paths (no file
/// or folder more or less), the same bytes, regular files and folders only
/// (no links), owned by this user, with the modes new ones would get.
struct UnchangedOutput {
    /// Modes of what a batch creates: the release folder (`mkdtemp`), folders
    /// inside it (`mkdir` 0755) and files (`open` 0644), after the umask.
    var releaseFolderMode: mode_t
    var folderMode: mode_t
    var fileMode: mode_t
    var owner: uid_t

    /// The modes for this process's umask, read from `/proc/self/status`
    /// (changing the umask to read it would race with other threads); nil
    /// when it cannot be read, and then no folder is ever taken as unchanged.
    static func forThisProcess() -> UnchangedOutput? {
        guard let status = try? FileSystem.readText("/proc/self/status", limit: 1 << 20) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("Umask:") {
            let digits = line.dropFirst("Umask:".count).filter { $0 != " " && $0 != "\t" }
            guard let mask = mode_t(digits, radix: 8) else { return nil }
            return UnchangedOutput(
                releaseFolderMode: 0o700 & ~mask, folderMode: 0o755 & ~mask, fileMode: 0o644 & ~mask, owner: geteuid())
        }
        return nil
    }

    /// What a release's output folder holds, against its new output.
    enum Comparison {
        /// Exactly the new output.
        case same
        /// Something else (or it could not be read).
        case different
        /// Nothing: there is no such folder (nor anything else of that name).
        case absent
    }

    /// Whether the folder at `target` holds exactly `files` (paths relative to it).
    func holds(_ files: [(path: String, content: String)], target: String) -> Bool {
        compare(files, target: target) == .same
    }

    /// What the folder at `target` holds, against `files` (paths relative to it).
    func compare(_ files: [(path: String, content: String)], target: String) -> Comparison {
        let fd = open(target, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 { return errno == ENOENT ? .absent : .different }
        return holds(files, folder: fd) ? .same : .different
    }

    /// Whether the folder open at `fd` holds exactly `files` (closes `fd`).
    private func holds(_ files: [(path: String, content: String)], folder fd: Int32) -> Bool {
        var expectedFiles: [String: String] = [:]
        var expectedFolders: Set<String> = []
        for file in files {
            guard expectedFiles.updateValue(file.content, forKey: file.path) == nil else {
                close(fd)
                return false
            }
            var prefix = file.path[...]
            while let slash = prefix.utf8.lastIndex(of: UInt8(ascii: "/")) {
                prefix = prefix[..<slash]
                expectedFolders.insert(String(prefix))
            }
        }
        guard has(mode: releaseFolderMode, fd) else {
            close(fd)
            return false
        }
        var seenFiles = 0
        var seenFolders = 0
        guard walk(fd, relative: "", expectedFiles, expectedFolders, &seenFiles, &seenFolders) else { return false }
        return seenFiles == expectedFiles.count && seenFolders == expectedFolders.count
    }

    /// Whether `fd` is owned by this user with exactly `mode` (permission bits).
    private func has(mode: mode_t, _ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && info.st_uid == owner && (info.st_mode & 0o7777) == mode
    }

    /// Checks every entry of the folder open at `fd` (closes `fd`).
    private func walk(
        _ fd: Int32, relative: String, _ files: [String: String], _ folders: Set<String>,
        _ seenFiles: inout Int, _ seenFolders: inout Int
    ) -> Bool {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return false
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            // What the entry is, before opening it (a device or a pipe is never opened).
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard folders.contains(path) else { return false }
                let child = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { return false }
                guard has(mode: folderMode, child) else {
                    close(child)
                    return false
                }
                seenFolders += 1
                guard walk(child, relative: path, files, folders, &seenFiles, &seenFolders) else { return false }
            case S_IFREG:
                guard let content = files[path], Int(info.st_size) == content.utf8.count else { return false }
                let child = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                guard child >= 0 else { return false }
                defer { close(child) }
                var opened = stat()
                guard fstat(child, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG, has(mode: fileMode, child),
                    Self.contentIs(content, child, size: Int(opened.st_size))
                else { return false }
                seenFiles += 1
            default:
                return false
            }
        }
        return true
    }

    /// Whether the file open at `fd`, of `size` bytes, holds exactly `content`
    /// (read only when the sizes agree, so a large stray file is never read).
    static func contentIs(_ content: String, _ fd: Int32, size: Int) -> Bool {
        var content = content
        return content.withUTF8 { expected in
            guard size == expected.count else { return false }
            // One byte more than expected, to see a file that has grown since `fstat`.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size + 1, alignment: 1)
            defer { buffer.deallocate() }
            var count = 0
            while count <= size, let base = buffer.baseAddress {
                let n = read(fd, base + count, size + 1 - count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                count += n
            }
            guard count == size, let base = buffer.baseAddress else { return false }
            return size == 0 || (expected.baseAddress.map { memcmp(base, $0, size) == 0 } ?? false)
        }
    }
}
