#if canImport(Glibc)
import Glibc
#endif
import RudderCore

/// The result of running a program: exit status and captured output.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum TestProcess {
    /// The built `rudder` binary beside the test bundle (`.build/<config>/rudder`).
    public static func rudderPath() -> String {
        let root = GoldenCases.repositoryRoot()
        for candidate in [FileSystem.environment("RUDDER_BIN") ?? "", root + "/.build/debug/rudder", root + "/.build/release/rudder"]
        where !candidate.isEmpty && FileSystem.exists(candidate) {
            return candidate
        }
        return root + "/.build/debug/rudder"
    }

    /// Runs `arguments[0]` with the rest as arguments; output captured through temporary files.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: String? = nil
    ) throws -> ProcessResult {
        let base = "/tmp/rudder-proc-\(getpid())-\(Int.random(in: 0..<1_000_000_000))"
        defer {
            FileSystem.remove(base + ".out")
            FileSystem.remove(base + ".err")
            FileSystem.remove(base + ".in")
        }
        func quote(_ s: String) -> String { "'" + s.replacingAll("'", with: "'\\''") + "'" }
        var command = directory.map { "cd \(quote($0)) && " } ?? ""
        command += environment.map { "\($0.key)=\(quote($0.value))" }.joined(separator: " ")
        command += " " + arguments.map(quote).joined(separator: " ")
        if let stdin {
            try FileSystem.writeAtomically(base + ".in", Array(stdin.utf8))
            command += " <" + base + ".in"
        } else {
            command += " </dev/null"
        }
        command += " >" + base + ".out 2>" + base + ".err"
        let raw = system(command)
        let status = (raw >> 8) & 0xff
        return ProcessResult(
            status: status,
            stdout: (try? FileSystem.readText(base + ".out")) ?? "",
            stderr: (try? FileSystem.readText(base + ".err")) ?? ""
        )
    }
}
