import CPosix
import RudderCore
#if canImport(Glibc)
import Glibc
#endif

/// A release's output folder, replaced as a whole: the new output is written
/// into a temporary folder beside it, then swapped in with one rename, so a
/// reader sees the old folder or the new one, never a mix or a half-written file.
enum ReleaseFolder {
    static func stagingPrefix(_ release: String) -> String { "." + release + ".rudder-tmp-" }
    static func oldPrefix(_ release: String) -> String { "." + release + ".rudder-old-" }

    /// Writes `files` (paths relative to the release folder) into a new
    /// temporary folder in `directory`; returns its path. Nothing is left behind on failure.
    static func stage(_ files: [(path: String, content: String)], directory: String, release: String) throws(FileSystemError) -> String {
        let folder = try makeTemporaryDirectory(directory + "/" + stagingPrefix(release))
        // Folders made so far, relative to `folder` (a release has a handful).
        var created: [Substring] = []
        do throws(FileSystemError) {
            for file in files {
                // Paths come from chart file names: never climb out of the folder.
                guard let slash = try checkedLastSlash(file.path) else {
                    try writeNew(folder + "/" + file.path, file.content)
                    continue
                }
                let parent = file.path[..<slash]
                if !created.contains(parent) {
                    try makeFolders(parent, in: folder, known: &created)
                }
                try writeNew(folder + "/" + file.path, file.content)
            }
        } catch {
            FileSystem.removeTree(folder)
            throw error
        }
        return folder
    }

    /// The index of the last `/` of a relative output path (nil when it has
    /// none), after checking that no component is empty, `.` or `..`.
    static func checkedLastSlash(_ path: String) throws(FileSystemError) -> String.Index? {
        var last: String.Index?
        var componentStart = path.utf8.startIndex
        var index = componentStart
        func checkComponent(_ end: String.Index) throws(FileSystemError) {
            let component = path.utf8[componentStart..<end]
            if component.isEmpty || component.elementsEqual(".".utf8) || component.elementsEqual("..".utf8) {
                throw FileSystemError(path: path, reason: "unsafe output path")
            }
        }
        while index < path.utf8.endIndex {
            if path.utf8[index] == UInt8(ascii: "/") {
                try checkComponent(index)
                last = index
                componentStart = path.utf8.index(after: index)
            }
            index = path.utf8.index(after: index)
        }
        try checkComponent(index)
        return last
    }

    /// Makes `relative` and its missing parents inside `folder`: `known` lists
    /// the folders made so far, and gets the ones made here.
    static func makeFolders(_ relative: Substring, in folder: String, known: inout [Substring]) throws(FileSystemError) {
        var index = relative.utf8.startIndex
        while true {
            let end = relative.utf8[index...].firstIndex(of: UInt8(ascii: "/")) ?? relative.utf8.endIndex
            let prefix = relative[..<end]
            if !known.contains(prefix) {
                let path = folder + "/" + prefix
                if mkdir(path, 0o755) != 0 && errno != EEXIST {
                    throw FileSystemError(path: path, reason: errorText())
                }
                known.append(prefix)
            }
            guard end < relative.utf8.endIndex else { return }
            index = relative.utf8.index(after: end)
        }
    }

    /// Creates a file that did not exist and writes `content` into it.
    static func writeNew(_ path: String, _ content: String) throws(FileSystemError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError(path: path, reason: errorText()) }
        defer { close(fd) }
        var text = content
        var failure: String?
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += n
            }
        }
        if let failure { throw FileSystemError(path: path, reason: failure) }
    }

    /// `mkdtemp` on `prefix` + six random characters.
    static func makeTemporaryDirectory(_ prefix: String) throws(FileSystemError) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw FileSystemError(path: prefix + "XXXXXX", reason: errorText()) }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Flushes the file system holding `directory` (one `syncfs` for every staged folder).
    static func flush(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        if syncfs(fd) != 0 { sync() }
        close(fd)
    }

    /// Puts the staged folder at `target`: an atomic exchange where the kernel
    /// has `renameat2(RENAME_EXCHANGE)`, else the old folder is renamed aside
    /// first (for an instant `target` is missing, but never partial). Returns
    /// the path the old output now has (a hidden folder beside `target`), for
    /// the caller to remove, or nil when there was none. `targetWasAbsent`:
    /// there was no `target` a moment ago, so a plain rename is tried first (it
    /// fails, and the usual way follows, when a folder with entries has appeared since).
    static func swapIntoPlace(staged: String, target: String, targetWasAbsent: Bool = false) throws(FileSystemError) -> String? {
        if targetWasAbsent && rename(staged, target) == 0 { return nil }
        // The exchange first: it fails (ENOENT) when there is no old output.
        if renameExchange(staged, target) { return staged }
        if FileSystem.kind(of: target) == nil {
            if rename(staged, target) != 0 { throw FileSystemError(path: target, reason: errorText()) }
            return nil
        }
        let directory = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let name = target.split(separator: "/").last.map(String.init) ?? target
        let aside = try makeTemporaryDirectory(directory + "/" + oldPrefix(name))
        // rename() replaces the empty folder `aside` with the old output.
        if rename(target, aside) != 0 {
            let reason = errorText()
            rmdir(aside)
            throw FileSystemError(path: target, reason: reason)
        }
        if rename(staged, target) != 0 {
            let reason = errorText()
            _ = rename(aside, target)
            throw FileSystemError(path: target, reason: reason)
        }
        return aside
    }

    /// Removes (with `remover`) what an interrupted earlier run left in `directory` for any of `releases`.
    static func removeLeftovers(directory: String, releases: Set<String>, remover: FolderRemover) {
        guard let names = try? FileSystem.list(directory) else { return }
        for name in names where name.hasPrefix(".") {
            // `.<release>.rudder-tmp-XXXXXX` or `.<release>.rudder-old-XXXXXX`.
            for marker in [".rudder-tmp-", ".rudder-old-"] {
                guard let range = name.firstRange(of: marker) else { continue }
                let release = String(name[name.index(after: name.startIndex)..<range.lowerBound])
                if releases.contains(release) && name[range.upperBound...].count == 6 {
                    remover.remove(directory + "/" + name)
                }
            }
        }
    }

    static let renameExchangeFlag: UInt32 = 1 << 1

    /// glibc's `renameat2` (Linux 3.15 and later; a file system without
    /// RENAME_EXCHANGE makes it fail, and the caller falls back).
    static func renameExchange(_ from: String, _ to: String) -> Bool {
        renameat2(AT_FDCWD, from, AT_FDCWD, to, renameExchangeFlag) == 0
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
