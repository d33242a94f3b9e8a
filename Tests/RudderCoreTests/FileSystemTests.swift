import RudderCore
import Testing

@Suite struct FileSystemTests {
    @Test func atomicWriteThenRead() throws {
        let dir = "/tmp/rudder-fs-test-\(Int.random(in: 0..<1_000_000_000))"
        defer { FileSystem.removeTree(dir) }
        try FileSystem.writeAtomically(dir + "/a/b.txt", Array("hello".utf8))
        #expect(try FileSystem.readText(dir + "/a/b.txt") == "hello")
        #expect(try FileSystem.list(dir + "/a") == ["b.txt"])
        #expect(throws: FileSystemError.self) { try FileSystem.read(dir + "/a/b.txt", limit: 3) }
        #expect(throws: FileSystemError.self) { try FileSystem.read(dir + "/missing") }
    }
}
