import RudderCore
import RudderTemplate

extension HelmFunctions {
    /// Until RudderYAML's YAMLWriter and JSONReader land on main.
    static func registerPendingSerialization(_ r: inout Registrar) {
        for name in ["toYaml", "toYamlPretty", "mustToYaml", "fromJson", "fromJsonArray", "mustFromJson"] {
            r.add(name, [.any]) { _ in
                throw FunctionError("function \(name) is not yet implemented in rudder")
            }
        }
    }
}
