import RudderCore
import RudderTemplate

/// Sprig's crypto, certificate, password, random and UUID functions, registered
/// into the template function registry by `HelmFunctions`.
public enum CryptoFunctions {
    /// The names this target provides.
    public static let names: [String] = []

    /// Adds the functions to `registry`.
    public static func register(into registry: inout FunctionRegistry) {}
}
