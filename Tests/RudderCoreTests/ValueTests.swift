import RudderCore
import Testing

@Suite struct ValueTests {
    @Test func goTypeNames() {
        #expect(Value.int(1).goTypeName == "int")
        #expect(Value.int64(1).goTypeName == "int64")
        #expect(Value.float(1).goTypeName == "float64")
        #expect(Value.list([]).goTypeName == "[]interface {}")
        #expect(Value.map([:]).goTypeName == "map[string]interface {}")
        #expect(Value.null.goTypeName == "<nil>")
    }

    @Test func truthFollowsGo() {
        #expect(!Value.int(0).isTruthy)
        #expect(!Value.string("").isTruthy)
        #expect(!Value.list([]).isTruthy)
        #expect(!Value.map([:]).isTruthy)
        #expect(!Value.null.isTruthy)
        #expect(Value.float(0.5).isTruthy)
        #expect(Value.string("0").isTruthy)
    }

    @Test func nullIsDistinctFromAbsent() {
        let v: Value = ["a": nil]
        #expect(v.lookup(["a"]) == .null)
        #expect(v.lookup(["b"]) == nil)
    }

    @Test func sourceFilePositions() {
        let f = SourceFile(name: "x.yaml", text: "a: 1\nbb: 2\n")
        #expect(f.position(ofByte: 6).description == "x.yaml:2:2")
        #expect(f.lineText(2) == "bb: 2")
    }
}
