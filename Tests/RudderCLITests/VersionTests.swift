import Testing
import _RudderTestSupport

@Suite struct VersionTests {
    @Test func printsVersion() throws {
        let result = try TestProcess.run([TestProcess.rudderPath(), "--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test func helpListsUsage() throws {
        let result = try TestProcess.run([TestProcess.rudderPath(), "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: rudder"))
    }
}
