import RudderCore

/// `helm show chart|values|readme|crds|all`: what Helm prints for a chart
/// directory or archive.
public enum ChartShow {
    public enum Section: String, Sendable, CaseIterable {
        case chart, values, readme, crds, all
    }

    /// The README names Helm looks for among the chart's files, case-insensitively, in this order of files.
    static let readmeNames = ["readme.md", "readme.txt", "readme"]

    /// Loads the chart at `path` (through the safe loader) and prints `section`.
    public static func show(_ section: Section, chartPath path: String, limits: LoadLimits = .default) throws(ChartError) -> String {
        render(section, chart: try ChartLoader.load(path: path, limits: limits))
    }

    /// The text Helm prints for `section` of a loaded chart.
    public static func render(_ section: Section, chart: Chart) -> String {
        var out = ""
        let all = section == .all
        if section == .chart || all {
            out += chart.metadata.marshalledYAML + "\n"
        }
        if section == .values || all, let values = chart.rawFile(named: "values.yaml") {
            if all { out += "---\n" }
            out += values.text + "\n"
        }
        if section == .readme || all, let readme = readme(of: chart) {
            if all { out += "---\n" }
            out += readme.text + "\n"
        }
        if section == .crds || all {
            for crd in crdFiles(of: chart) {
                if !crd.data.starts(with: Array("---".utf8)) { out += "---\n" }
                out += crd.text + "\n"
            }
        }
        return out
    }

    /// The first of the chart's files named README.md, README.txt or README (any case).
    static func readme(of chart: Chart) -> ChartFile? {
        chart.files.first { file in readmeNames.contains(file.name.lowercased()) }
    }

    /// Helm's `CRDObjects`: the chart's CRD files, then each subchart's.
    static func crdFiles(of chart: Chart) -> [ChartFile] {
        chart.crds + chart.dependencies.flatMap(crdFiles)
    }
}
