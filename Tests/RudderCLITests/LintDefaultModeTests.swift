import RudderCore
import Testing
import _RudderTestSupport

/// Plain `rudder lint` (Rudder's rules on by default) over the recorded
/// `helm lint` runs of Tests/Golden/lint/lint.cases: every line Helm printed is
/// still there, in order; Rudder's findings come in addition, one line each,
/// marked with their rule id; and the verdict changes only where one of
/// Rudder's findings fails the chart (an error, or a warning with --strict).
@Suite struct LintDefaultModeTests {
    /// One of Rudder's findings in text output.
    struct RudderFinding: CustomStringConvertible {
        var severity: String
        var ruleID: String
        var line: String
        var description: String { line }
    }

    /// `[WARNING] templates/x.yaml:12:7: (rule-id) message`: Rudder's line, or
    /// nil for any other line (Helm's findings, headers, continuations).
    static func rudderFinding(_ line: Substring) -> RudderFinding? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let severity = String(line[line.index(after: line.startIndex)..<close])
        guard ["INFO", "WARNING", "ERROR"].contains(severity), let marker = line.firstRange(of: ": (") else { return nil }
        let rest = line[marker.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return nil }
        let id = String(rest[..<end])
        guard !id.isEmpty, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }), rest[end...].hasPrefix(") ") else { return nil }
        // The place before the id has no spaces: `file:line:column`.
        guard !line[line.index(close, offsetBy: 2)..<marker.lowerBound].contains(" ") else { return nil }
        return RudderFinding(severity: severity, ruleID: id, line: String(line))
    }

    static let summaryPrefix = "chart(s) linted, "

    /// The recorded runs whose verdict Rudder's rules change (helm lint passes
    /// them): workloads without production settings under --strict, a
    /// HorizontalPodAutoscaler and a PodDisruptionBudget that target nothing,
    /// objects the API server rejects, defaults that break the chart's schema.
    static let verdictChanges: Set<String> = [
        "clean --strict", "template-deployment-ok --strict", "template-deprecated",
        "template-deprecated --kube-version 1.15", "template-deprecated --kube-version v1.99.0", "template-names",
        "values-schema --set fixes it",
    ]

    @Test func verdictChangesAreRecordedCases() {
        let names = Set(LintConformanceTests.cases.map(\.name))
        #expect(Self.verdictChanges.isSubset(of: names))
    }

    /// The lines without `==> Linting …` headers directly followed by the blank line that ends the chart.
    static func withoutEmptySections(_ lines: [Substring]) -> [Substring] {
        var result: [Substring] = []
        var index = 0
        while index < lines.count {
            if lines[index].hasPrefix("==> Linting "), index + 1 < lines.count, lines[index + 1].isEmpty {
                index += 2
                continue
            }
            result.append(lines[index])
            index += 1
        }
        return result
    }

    @Test(arguments: LintConformanceTests.cases)
    func keepsHelmsFindings(_ golden: GoldenCase) throws {
        let root = GoldenCases.repositoryRoot()
        let arguments = (golden["args"] ?? "").split(separator: "\n").map(String.init)
        let result = try TestProcess.run([TestProcess.rudderPath(), "lint"] + arguments, directory: root)
        let stdout = result.stdout.replacingAll(root, with: "$ROOT")
        var helmLines: [Substring] = []
        var found: [RudderFinding] = []
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if let finding = Self.rudderFinding(line) { found.append(finding) } else { helmLines.append(line) }
        }
        let strict = arguments.contains("--strict")
        let failing = found.filter { $0.severity == "ERROR" || (strict && $0.severity == "WARNING") }
        var expected = (golden["stdout"] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        var kept = helmLines
        if arguments.contains("--quiet") && found.contains(where: { $0.severity != "INFO" }) {
            // --quiet shows a chart, and the summary, only when something is wrong:
            // Rudder's warnings may add a chart's header and the summary line.
            kept = Self.withoutEmptySections(kept).filter { !$0.contains(Self.summaryPrefix) }
            expected = expected.filter { !$0.contains(Self.summaryPrefix) }
        }
        #expect(("\(result.status)" != golden["status"]) == Self.verdictChanges.contains(golden.name), "verdict: \(failing)")
        if failing.isEmpty {
            // Same verdict, and Helm's output once Rudder's lines are taken out.
            #expect("\(result.status)" == golden["status"], "exit status differs: \(found)")
            #expect(kept == expected, "Helm's lines differ")
            #expect(result.stderr.replacingAll(root, with: "$ROOT") == (golden["stderr"] ?? "").replacingAll("helm lint", with: "rudder lint"))
        } else {
            // The chart fails now; Helm's lines stay, only the summary may move to stderr.
            #expect(result.status == 1)
            let withoutSummary = { (lines: [Substring]) in lines.filter { !$0.contains(Self.summaryPrefix) } }
            #expect(withoutSummary(kept) == withoutSummary(expected), "Helm's lines differ")
            #expect(result.stderr.contains(Self.summaryPrefix))
        }
    }
}
