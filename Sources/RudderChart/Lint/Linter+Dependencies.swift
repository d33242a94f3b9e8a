import RudderCore

extension LintContext {
    /// Helm's `rules.Dependencies`: the chart loads; every chart in charts/ is
    /// declared; names and aliases are unique; every declared chart is in charts/.
    /// Findings name the absolute chart directory, as Helm's do.
    mutating func lintDependencies() {
        let chart: Chart
        switch loaded {
        case .success(let loadedChart): chart = loadedChart
        case .failure(let error):
            check(.dependenciesLoad, "", "unable to load chart\n\t" + error.message, position: error.position)
            return
        }
        let directory = source.chartDirectory
        let declared = Set(chart.metadata.dependencies.map(\.name))
        let present = chart.dependencies.map(\.metadata.name)
        let undeclared = present.filter { !declared.contains($0) }
        check(.dependencyInMetadata, directory,
              undeclared.isEmpty ? nil : "chart metadata is missing these dependencies: " + undeclared.joined(separator: ","))

        var seen: Set<String> = []
        var shadowing: [String] = []
        for dependency in chart.metadata.dependencies {
            let key = dependency.effectiveName
            if seen.contains(key) { shadowing.append(key) }
            seen.insert(key)
        }
        check(.dependenciesUnique, directory,
              shadowing.isEmpty ? nil : "multiple dependencies with name or alias: " + shadowing.joined(separator: ","))

        let presentNames = Set(present)
        let missing = chart.metadata.dependencies.map(\.name).filter { !presentNames.contains($0) }
        check(.dependencyInChartsDir, directory,
              missing.isEmpty ? nil : "chart directory is missing these dependencies: " + missing.joined(separator: ","))
    }

    /// Helm's `rules.Crds`: when crds/ exists it is a directory, and every
    /// document of every CRD file (the chart's and its subcharts') is a
    /// CustomResourceDefinition of apiextensions.k8s.io. The first document
    /// that does not parse ends the checks.
    mutating func lintCRDs() {
        guard let kind = source.kind("crds") else { return }
        guard check(.crdsDir, "crds/", kind == .directory ? nil : "not a directory") else { return }
        let chart: Chart
        switch loaded {
        case .success(let loadedChart): chart = loadedChart
        case .failure(let error):
            check(.crdsLoad, "crds/", error.message, position: error.position)
            return
        }
        for file in Self.crdFiles(chart) {
            for document in ManifestDocuments.decode(file.text) {
                switch document {
                case .failure(let failure):
                    check(.crdYAML, file.name, "unable to parse YAML: " + failure.message)
                    return
                case .success(nil):
                    continue
                case .success(let head?):
                    check(.crdAPIVersion, file.name,
                          head.apiVersion.hasPrefix("apiextensions.k8s.io") ? nil : "apiVersion is not in 'apiextensions.k8s.io'")
                    check(.crdKind, file.name,
                          head.kind == "CustomResourceDefinition" ? nil : "object kind is not 'CustomResourceDefinition'")
                }
            }
        }
    }

    /// Helm's `CRDObjects`: this chart's crds/ files, then each subchart's.
    static func crdFiles(_ chart: Chart) -> [ChartFile] {
        chart.crds + chart.dependencies.flatMap { crdFiles($0) }
    }
}
