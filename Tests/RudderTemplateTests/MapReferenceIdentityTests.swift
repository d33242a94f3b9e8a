import RudderCore
@testable import RudderTemplate
import Testing

/// `MapReference.of` reads the existential container directly: it must find
/// every reference (as itself) and nothing else, whatever the value around it.
@Suite struct MapReferenceIdentityTests {
    /// Another class-backed object and a struct-backed one (whose three-word
    /// buffer holds its fields inline): neither is a reference.
    final class OtherObject: TemplateObject {
        var goTypeName: String { "other" }
        func field(_ name: String) -> Value? { nil }
        var printed: String { "other" }
    }

    struct InlineObject: TemplateObject {
        var first = 1
        var second = 2
        var third = 3
        var goTypeName: String { "inline" }
        func field(_ name: String) -> Value? { nil }
        var printed: String { "inline" }
    }

    @Test func findsEveryReferenceAsItself() {
        for count in [0, 1, 5] {
            var storage: [String: Value] = [:]
            for index in 0..<count { storage["k\(index)"] = .int(index) }
            let reference = MapReference(storage, serial: count)
            #expect(MapReference.of(reference as any TemplateObject) === reference)
            #expect(MapReference.of(Value.object(reference)) === reference)
            let optional: Value? = .object(reference)
            #expect(MapReference.of(optional) === reference)
        }
    }

    @Test func findsNothingElse() {
        #expect(MapReference.of(OtherObject() as any TemplateObject) == nil)
        #expect(MapReference.of(InlineObject() as any TemplateObject) == nil)
        #expect(MapReference.of(Value.object(OtherObject())) == nil)
        #expect(MapReference.of(Value.object(InlineObject())) == nil)
        #expect(MapReference.of(Value.map(["a": .int(1)])) == nil)
        #expect(MapReference.of(Value.list([.int(1)])) == nil)
        #expect(MapReference.of(Value.string("x")) == nil)
        #expect(MapReference.of(nil as Value?) == nil)
    }

    /// A reference reached through a chain of child maps is the one stored back.
    @Test func childReferencesKeepTheirIdentity() {
        let root = MapReference(["outer": .map(["inner": .map(["leaf": .int(1)])])])
        let outer = MapReference.of(root.child("outer"))
        #expect(outer != nil)
        #expect(MapReference.of(root.child("outer")) === outer)
        let inner = MapReference.of(outer?.child("inner"))
        #expect(inner != nil)
        #expect(MapReference.of(outer?.child("inner")) === inner)
        #expect(inner?.child("leaf") == .int(1))
    }
}
