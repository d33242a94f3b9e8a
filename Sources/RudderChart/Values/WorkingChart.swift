import RudderCore

/// A chart while its dependencies are processed: Helm changes charts in place
/// (aliases rename them, disabled subcharts go, imported values replace the
/// defaults), so this mutable copy carries those changes.
final class WorkingChart {
    var chart: Chart
    /// The chart's (possibly aliased) name.
    var name: String
    /// The chart's values (Helm's `c.Values`), replaced by import processing.
    var values: ValueMap
    /// Chart.yaml's dependencies, renamed to their aliases and flagged enabled or not.
    var declaredDependencies: [ChartDependency]
    /// Whether Chart.yaml has a `dependencies:` list at all (Helm checks for nil).
    var hasDeclaredDependencies: Bool
    var dependencies: [WorkingChart]

    init(_ chart: Chart) {
        self.chart = chart
        name = chart.metadata.name
        values = ValueMap(copying: chart.values)
        declaredDependencies = chart.metadata.dependencies
        hasDeclaredDependencies = !chart.metadata.dependencies.isEmpty
        dependencies = chart.dependencies.map(WorkingChart.init)
    }

    private init(copying other: WorkingChart) {
        chart = other.chart
        name = other.name
        values = other.values
        declaredDependencies = other.declaredDependencies
        hasDeclaredDependencies = other.hasDeclaredDependencies
        dependencies = other.dependencies.map { WorkingChart(copying: $0) }
    }

    /// A copy for an alias (Helm's `getAliasDependency`): the subcharts are copied one level.
    func copyForAlias() -> WorkingChart { WorkingChart(copying: self) }

    /// The processed chart: names, paths, metadata and subcharts as rendered.
    func finished(path: String) -> Chart {
        var result = chart
        result.metadata.name = name
        result.metadata.dependencies = declaredDependencies
        result.values = values.value
        result.path = path
        result.dependencies = dependencies.map { $0.finished(path: path + "/charts/" + $0.name) }
        return result
    }
}
