import RudderChart
import RudderCore
import Testing
import _RudderTestSupport

/// Go's reference semantics for maps, checked end to end against the reference
/// Helm (Tests/Golden/template/references.cases, from
/// scripts/template-references-goldens.py): each case is rendered as the
/// generator rendered it, with `rudder template`'s code path.
@Suite struct MapReferenceGoldenTests {
    static let cases: [GoldenCase] = (try? GoldenCases.load("template/references.cases")) ?? []
    static let chartYAML = "apiVersion: v2\nname: c\nversion: 0.1.0\n"
    static let wrapper = "out: {{ include \"c/templates/_case.tpl\" . | b64enc | quote }}\n"

    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func rendersLikeHelm(_ golden: GoldenCase) throws {
        if golden["chart-a"] != nil {
            try checkChart(golden)
        } else {
            try checkTemplate(golden)
        }
    }

    func checkTemplate(_ golden: GoldenCase) throws {
        let template = try #require(golden["template"])
        let values = try #require(golden["values"])
        let outcome = try render([
            "Chart.yaml": Self.chartYAML, "values.yaml": values + "\n",
            "templates/_case.tpl": template, "templates/t.yaml": Self.wrapper,
        ])
        if let expected = golden["output"] {
            guard case .success(let output) = outcome else {
                Issue.record("\(golden.name): expected output, got \(outcome)")
                return
            }
            let line = output.stdout.split(separator: "\n").first { $0.hasPrefix("out: \"") }
            let encoded = String(line?.dropFirst(6).dropLast() ?? "")
            let text = String(decoding: MapReferenceGoldenTests.base64Decode(encoded), as: UTF8.self)
            #expect(text == expected, "\(golden.name)")
        } else {
            let expected = try #require(golden["error"])
            let direct = try render([
                "Chart.yaml": Self.chartYAML, "values.yaml": values + "\n", "templates/t.yaml": template,
            ])
            guard case .failure(let failure) = direct else {
                Issue.record("\(golden.name): expected error \(expected), got output")
                return
            }
            var message = failure.message
            let hint = "\n\nUse --debug flag to render out invalid YAML"
            if message.hasSuffix(hint) { message.removeLast(hint.count) }
            #expect(message == expected, "\(golden.name)")
        }
    }

    func checkChart(_ golden: GoldenCase) throws {
        var files = [
            "Chart.yaml": Self.chartYAML, "values.yaml": try #require(golden["values"]) + "\n",
            "templates/a.yaml": try #require(golden["chart-a"]), "templates/b.yaml": try #require(golden["chart-b"]),
        ]
        if let sub = golden["sub-a"] {
            files["charts/sub/Chart.yaml"] = "apiVersion: v2\nname: sub\nversion: 0.1.0\n"
            files["charts/sub/templates/a.yaml"] = sub
        }
        guard case .success(let output) = try render(files) else {
            Issue.record("\(golden.name): render failed")
            return
        }
        let documents = MapReferenceGoldenTests.sourceDocuments(output.stdout)
        #expect(documents["c/templates/a.yaml"] == golden["output-a"], "\(golden.name)")
        #expect(documents["c/templates/b.yaml"] == golden["output-b"], "\(golden.name)")
        if let expected = golden["output-sub"] {
            #expect(documents["c/charts/sub/templates/a.yaml"] == expected, "\(golden.name)")
        }
    }

    func render(_ files: [String: String]) throws -> Result<TemplateOutput, TemplateFailure> {
        let directory = try FileSystemHelper.temporaryDirectory()
        defer { FileSystemHelper.remove(directory) }
        let chart = directory + "/c"
        for (path, content) in files { try FileSystemHelper.write(chart + "/" + path, Array(content.utf8)) }
        do {
            return .success(try TemplateAction.run(TemplateRequest(chartPath: chart)))
        } catch {
            return .failure(error)
        }
    }

    /// Helm's `# Source: PATH` documents: path → text without the header.
    static func sourceDocuments(_ stdout: String) -> [String: String] {
        var documents: [String: String] = [:]
        for part in stdout.split(separator: "---\n", omittingEmptySubsequences: true) {
            let lines = part.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            guard let header = lines.first, header.hasPrefix("# Source: ") else { continue }
            var body = lines.count > 1 ? String(lines[1]) : ""
            while body.hasSuffix("\n") { body.removeLast() }
            documents[String(header.dropFirst(10))] = body
        }
        return documents
    }

    static func base64Decode(_ text: String) -> [UInt8] {
        var table = [UInt8](repeating: 255, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 where table[Int(byte)] != 255 {
            buffer = buffer << 6 | UInt32(table[Int(byte)])
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
