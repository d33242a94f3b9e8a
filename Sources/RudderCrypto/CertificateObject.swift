import RudderCore

/// Sprig's `certificate` struct: `.Cert` and `.Key`, both PEM text.
public struct SprigCertificate: TemplateObject, Equatable {
    public var cert: String
    public var key: String

    public init(cert: String, key: String) {
        self.cert = cert
        self.key = key
    }

    public var goTypeName: String { "sprig.certificate" }
    public var goKindName: String { "struct" }

    public func field(_ name: String) -> Value? {
        switch name {
        case "Cert": return .string(cert)
        case "Key": return .string(key)
        default: return nil
        }
    }

    /// Go's `%v` of a struct: `{CERT KEY}`.
    public var printed: String { "{\(cert) \(key)}" }

    /// encoding/json's form: `{"Cert": …, "Key": …}`.
    public var dataRepresentation: Value? { .map(["Cert": .string(cert), "Key": .string(key)]) }
}
