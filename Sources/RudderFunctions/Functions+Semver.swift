import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerSemver(_ r: inout Registrar) {}
}
