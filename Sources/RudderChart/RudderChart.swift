import RudderCore

/// Rudder's version, as `rudder --version` prints it.
public enum RudderVersion {
    public static let current = "0.1.0"
}
