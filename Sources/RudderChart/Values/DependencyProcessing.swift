import RudderCore

/// Helm's dependency processing before rendering (`ProcessDependencies` in
/// `pkg/chart/v2/util/dependencies.go`): aliases, conditions and tags decide
/// which subcharts stay, then `import-values` copy child values into parents.
enum DependencyProcessing {
    static func process(_ chart: WorkingChart, values: ValueMap) throws(ChartError) {
        try processEnabled(chart, values: values, path: "")
        try processImportValues(chart)
    }

    /// `processDependencyEnabled`: applies aliases, evaluates tags and
    /// conditions against the coalesced values, drops disabled subcharts and
    /// recurses into the rest.
    static func processEnabled(_ chart: WorkingChart, values: ValueMap, path: String) throws(ChartError) {
        guard chart.hasDeclaredDependencies else { return }
        var kept: [WorkingChart] = []
        // Subcharts that no declared dependency matches stay as they are, first.
        for existing in chart.dependencies {
            let declared = chart.declaredDependencies.contains { requirement in
                existing.name == requirement.name
                    && SemanticVersionConstraint.isCompatible(requirement.version, existing.chart.metadata.version)
            }
            if !declared { kept.append(existing) }
        }
        for index in chart.declaredDependencies.indices {
            let requirement = chart.declaredDependencies[index]
            if let match = chart.dependencies.first(where: { candidate in
                candidate.name == requirement.name
                    && SemanticVersionConstraint.isCompatible(requirement.version, candidate.chart.metadata.version)
            }) {
                let copy = match.copyForAlias()
                if !requirement.alias.isEmpty { copy.name = requirement.alias }
                kept.append(copy)
            }
            if !requirement.alias.isEmpty { chart.declaredDependencies[index].name = requirement.alias }
        }
        chart.dependencies = kept
        for index in chart.declaredDependencies.indices { chart.declaredDependencies[index].enabled = true }

        let coalesced = try Coalescing.coalesceValues(chart: chart, values: values, merge: false)
        processTags(&chart.declaredDependencies, coalesced)
        processConditions(&chart.declaredDependencies, coalesced, path: path)
        let removed = Set(chart.declaredDependencies.filter { !$0.enabled }.map(\.name))
        chart.dependencies = chart.dependencies.filter { !removed.contains($0.name) }
        chart.declaredDependencies = chart.declaredDependencies.filter { !removed.contains($0.name) }
        for subchart in chart.dependencies {
            try processEnabled(subchart, values: coalesced, path: path + subchart.name + ".")
        }
    }

    /// `processDependencyTags`: a subchart is disabled when one of its tags is
    /// false and none is true; tags that are not bools are ignored.
    static func processTags(_ requirements: inout [ChartDependency], _ values: ValueMap) {
        guard let tags = values["tags"]?.table else { return }
        for index in requirements.indices {
            var hasTrue = false
            var hasFalse = false
            for tag in requirements[index].tags {
                if case .other(.bool(let flag))? = tags[tag] {
                    if flag { hasTrue = true } else { hasFalse = true }
                }
            }
            if !hasTrue && hasFalse {
                requirements[index].enabled = false
            } else if hasTrue || (!hasTrue && !hasFalse) {
                requirements[index].enabled = true
            }
        }
    }

    /// `processDependencyConditions`: the first comma-separated path (under
    /// `path`) that holds a bool decides; other values are ignored.
    static func processConditions(_ requirements: inout [ChartDependency], _ values: ValueMap, path: String) {
        for index in requirements.indices {
            let condition = trimGoSpace(requirements[index].condition)
            for part in condition.split(separator: ",", omittingEmptySubsequences: false) where !part.isEmpty {
                if case .other(.bool(let flag))? = pathValue(values, path + part) {
                    requirements[index].enabled = flag
                    break
                }
            }
        }
    }

    /// Helm's `Values.PathValue`: the value at a dotted path whose last step
    /// is a non-table value; nil when absent.
    static func pathValue(_ values: ValueMap, _ path: String) -> ValueNode? {
        let keys = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let last = keys.last else { return nil }
        var table = values
        for key in keys.dropLast() {
            guard let next = table[key]?.table else { return nil }
            table = next
        }
        guard let value = table[last], value.table == nil else { return nil }
        return value
    }

    /// Helm's `Values.Table`: the table at a dotted path, or nil.
    static func table(_ values: ValueMap, _ path: String) -> ValueMap? {
        var table = values
        for key in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard let next = table[String(key)]?.table else { return nil }
            table = next
        }
        return table
    }

    /// `processDependencyImportValues`: children first, then this chart.
    static func processImportValues(_ chart: WorkingChart) throws(ChartError) {
        for subchart in chart.dependencies { try processImportValues(subchart) }
        try importValues(chart)
    }

    /// `processImportValues` with merge set (Helm 4 keeps nulls here): the
    /// chart's values become its merged values with the imported tables
    /// underneath (the parent's own values win).
    static func importValues(_ chart: WorkingChart) throws(ChartError) {
        guard chart.hasDeclaredDependencies else { return }
        let merged = try Coalescing.coalesceValues(chart: chart, values: nil, merge: true)
        var imported = ValueMap()
        for index in chart.declaredDependencies.indices {
            let requirement = chart.declaredDependencies[index]
            var normalized: [ImportValue] = []
            for entry in requirement.importValues {
                switch entry {
                case .mapping(let child, let parent):
                    normalized.append(.mapping(child: child, parent: parent))
                    guard let table = table(merged, requirement.name + "." + child) else { continue }
                    imported = Coalescing.coalesceTables(imported, pathToMap(parent, table), merge: true)
                case .exports(let name):
                    let child = "exports." + name
                    normalized.append(.mapping(child: child, parent: "."))
                    guard let table = table(merged, requirement.name + "." + child) else { continue }
                    imported = Coalescing.coalesceTables(imported, table, merge: true)
                case .ignored:
                    continue
                }
            }
            chart.declaredDependencies[index].importValues = normalized
        }
        chart.values = Coalescing.coalesceTables(merged.deepCopy(), imported, merge: true)
    }

    /// Helm's `pathToMap`: `a.b` and a table give `{a: {b: table}}`; `.` gives the table.
    static func pathToMap(_ path: String, _ data: ValueMap) -> ValueMap {
        if path == "." { return data }
        var current = data
        for key in path.split(separator: ".", omittingEmptySubsequences: false).reversed() {
            current = ValueMap([String(key): .map(current)])
        }
        return current
    }
}
