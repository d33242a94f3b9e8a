import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerSerialization(_ r: inout Registrar) {}
}
