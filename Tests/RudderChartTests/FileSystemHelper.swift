#if canImport(Glibc)
import Glibc
#endif
import RudderCore
import RudderChart

/// File helpers for tests that build charts on disk.
enum FileSystemHelper {
    static func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileSystem.writeAtomically(path, bytes)
    }

    static func remove(_ path: String) { FileSystem.removeTree(path) }

    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/rudder-chart-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw FileSystemError(path: "/tmp", reason: "mkdtemp failed") }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    static func symlink(_ target: String, _ path: String) {
        _ = Glibc.symlink(target, path)
    }

    static func fifo(_ path: String) {
        _ = mkfifo(path, 0o644)
    }

    /// A minimal chart directory with the given extra files.
    static func chart(_ files: [String: String] = [:], name: String = "mychart") throws -> String {
        let directory = try temporaryDirectory() + "/" + name
        try write(directory + "/Chart.yaml", Array("apiVersion: v2\nname: \(name)\nversion: 0.1.0\n".utf8))
        for (path, content) in files { try write(directory + "/" + path, Array(content.utf8)) }
        return directory
    }
}
