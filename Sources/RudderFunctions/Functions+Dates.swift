import RudderCore
import RudderTemplate

extension HelmFunctions {
    static func registerDates(_ r: inout Registrar) {}
}
