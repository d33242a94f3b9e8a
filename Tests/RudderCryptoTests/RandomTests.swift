import RudderCore
import RudderTemplate
import Testing

@testable import RudderCrypto

/// Property tests of the random functions: lengths, alphabets, spread, distinctness, limits.
@Suite struct RandomTests {
    static let alphabets: [(String, Set<UInt8>)] = [
        ("randAlpha", Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)),
        ("randAlphaNum", Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)),
        ("randNumeric", Set("0123456789".utf8)),
        ("randAscii", Set(UInt8(32)...UInt8(126))),
    ]

    @Test(arguments: [0, 1, 7, 64, 1000])
    func stringLengthsAndAlphabets(length: Int) throws {
        for (name, alphabet) in Self.alphabets {
            let text = try Render.output("{{ \(name) \(length) }}")
            #expect(text.utf8.count == length, "\(name) \(length)")
            #expect(text.utf8.allSatisfy { alphabet.contains($0) }, "\(name): \(text)")
        }
    }

    @Test func stringsCoverTheirAlphabetAndDiffer() throws {
        for (name, alphabet) in Self.alphabets {
            // 20,000 draws from at most 95 symbols: every symbol appears (a miss has odds below 1e-80).
            let text = try Render.output("{{ \(name) 20000 }}")
            #expect(Set(text.utf8) == alphabet, "\(name) misses symbols")
            let other = try Render.output("{{ \(name) 20000 }}")
            #expect(text != other, "\(name) repeated itself")
        }
    }

    @Test func negativeLengthsGiveEmptyStrings() throws {
        for (name, _) in Self.alphabets {
            #expect(try Render.output("{{ \(name) -3 | quote }}") == "\"\"")
        }
    }

    @Test(arguments: [0, 1, 2, 3, 16, 100])
    func randBytesIsBase64OfTheCount(count: Int) throws {
        let text = try Render.output("{{ randBytes \(count) }}")
        let bytes = try Base64.decode(text)
        #expect(bytes.count == count)
        #expect(text.utf8.count == (count + 2) / 3 * 4)
    }

    @Test func randBytesDiffers() throws {
        let outputs = try (0..<20).map { _ in try Render.output("{{ randBytes 16 }}") }
        #expect(Set(outputs).count == 20)
    }

    @Test func randIntStaysInItsRangeAndReachesBothEnds() throws {
        let text = try Render.output("{{ range $i := until 2000 }}{{ randInt -3 4 }} {{ end }}")
        let values = text.split(separator: " ").compactMap { Int($0) }
        #expect(values.count == 2000)
        #expect(values.allSatisfy { (-3..<4).contains($0) })
        #expect(Set(values) == Set(-3..<4))
        #expect(try Render.output("{{ randInt 7 8 }}") == "7")
    }

    @Test func randIntRefusesAnEmptyRange() {
        #expect(Render.errorMessage("{{ randInt 5 5 }}")?.hasSuffix("error calling randInt: invalid argument to Intn") == true)
        #expect(Render.errorMessage("{{ randInt 9 2 }}")?.hasSuffix("invalid argument to Intn") == true)
    }

    @Test func uuidv4HasTheVersion4Shape() throws {
        let hex = Set("0123456789abcdef".utf8)
        var seen = Set<String>()
        for _ in 0..<200 {
            let uuid = try Render.output("{{ uuidv4 }}")
            let groups = uuid.split(separator: "-", omittingEmptySubsequences: false)
            #expect(groups.map(\.count) == [8, 4, 4, 4, 12], "\(uuid)")
            #expect(groups.allSatisfy { $0.utf8.allSatisfy { hex.contains($0) } })
            #expect(groups[2].first == "4", "version nibble of \(uuid)")
            #expect(groups[3].first.map { "89ab".contains($0) } == true, "variant of \(uuid)")
            seen.insert(uuid)
        }
        #expect(seen.count == 200)
    }

    @Test func limitsFailBeforeAllocating() {
        for name in ["randAlpha", "randAlphaNum", "randNumeric", "randAscii", "randBytes"] {
            let message = Render.errorMessage("{{ \(name) 1000000000 }}")
            #expect(
                message?.hasSuffix(
                    "error calling \(name): \(name): length 1000000000 exceeds rudder's limit of 1048576 (1 MiB)") == true,
                "\(message ?? "no error")")
        }
        // The limit itself is allowed.
        #expect((try? Render.output("{{ randNumeric 1048576 | len }}")) == "1048576")
        #expect(Render.errorMessage("{{ randNumeric 1048577 }}") != nil)
    }
}
