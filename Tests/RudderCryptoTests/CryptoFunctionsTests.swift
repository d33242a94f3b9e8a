import RudderCrypto
import RudderTemplate
import Testing

@Suite struct CryptoFunctionsTests {
    @Test func registersItsNames() {
        var registry = FunctionRegistry()
        CryptoFunctions.register(into: &registry)
        for name in CryptoFunctions.names { #expect(registry.contains(name), "\(name)") }
    }
}
