import RudderCore

/// A chart ready to render: subcharts disabled by conditions or tags are
/// gone, aliases are applied (names and paths), imported values are in place,
/// and the values are coalesced as Helm's `ToRenderValues` gets them.
public struct PreparedChart: Sendable {
    /// The chart tree as rendered. `chart.path` is the chart's name and each
    /// subchart's `path` is `<parent path>/charts/<name or alias>`.
    public var chart: Chart
    /// The root chart's `.Values`. A subchart's `.Values` is the map under its
    /// name (or alias) in its parent's values: see `values(for:)`.
    public var values: [String: Value]

    public init(chart: Chart, values: [String: Value]) {
        self.chart = chart
        self.values = values
    }

    /// The `.Values` of the chart at `path` (`["sub", "subsub"]` names from the
    /// root, aliases where they apply): the parent's entry, or an empty map.
    public func values(forSubchartPath path: [String]) -> [String: Value] {
        var current = values
        for name in path {
            guard case .map(let next)? = current[name] else { return [:] }
            current = next
        }
        return current
    }
}

/// Helm's values pipeline for `helm template`/`install`: the user's flags are
/// merged (`ValuesOptions`), dependencies are processed (aliases, conditions,
/// tags, import-values), and the chart's defaults are coalesced under the
/// user's values, subchart by subchart, with `global` copied down.
public enum ValuesCoalescer {
    /// Prepares `chart` for rendering with the user's values flags.
    /// `readFile` reads `-f` and `--set-file` paths.
    public static func prepare(
        chart: Chart, options: ValuesOptions,
        readFile: (String) throws(ChartError) -> [UInt8] = ValuesOptions.readFileFromDisk
    ) throws(ChartError) -> PreparedChart {
        let userValues = try options.mergedValues(readFile: readFile)
        return try prepare(chart: chart, userValues: userValues)
    }

    /// Prepares `chart` for rendering with already merged user values.
    /// Fails, as Helm does, when Chart.yaml declares a dependency that is not in `charts/`.
    public static func prepare(chart: Chart, userValues: [String: Value]) throws(ChartError) -> PreparedChart {
        try checkDependencies(chart)
        if chart.dependencies.isEmpty && chart.metadata.dependencies.isEmpty {
            // No subcharts: nothing to process, and coalescing is a plain function
            // of the values (the chart's defaults are shared, not copied).
            var finished = chart
            finished.path = chart.metadata.name
            return PreparedChart(chart: finished, values: Coalescing.coalesceWithoutSubcharts(userValues, chart.values))
        }
        let working = WorkingChart(chart)
        let user = ValueMap(copying: userValues)
        do {
            try DependencyProcessing.process(working, values: user)
        } catch {
            throw error.wrapped("chart dependencies processing failed")
        }
        let coalesced = try Coalescing.coalesceValues(chart: working, values: user, merge: false)
        return PreparedChart(chart: working.finished(path: working.name), values: coalesced.value)
    }

    /// The root chart's coalesced values (Helm's `.Values`) for the user's flags.
    public static func renderValues(chart: Chart, options: ValuesOptions) throws(ChartError) -> Value {
        .map(try prepare(chart: chart, options: options).values)
    }

    /// Helm's `CoalesceValues` alone: `values` over the chart's defaults and
    /// its subcharts' (as loaded: no conditions, aliases or imports applied).
    public static func coalesce(chart: Chart, values: [String: Value]) throws(ChartError) -> [String: Value] {
        try Coalescing.coalesceValues(chart: WorkingChart(chart), values: ValueMap(copying: values), merge: false).value
    }

    /// Helm's `CoalesceTables`: `destination` wins; maps merge; a null in
    /// `destination` removes the key when `source` has a value there.
    public static func coalesceTables(_ destination: [String: Value], _ source: [String: Value]) -> [String: Value] {
        Coalescing.coalesceTables(ValueMap(copying: destination), ValueMap(copying: source), merge: false).value
    }

    /// Helm's `CheckDependencies`: every dependency in Chart.yaml must be present in `charts/`.
    public static func checkDependencies(_ chart: Chart) throws(ChartError) {
        let present = Set(chart.dependencies.map(\.name))
        let missing = chart.metadata.dependencies.map(\.name).filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw ChartError(
                "an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: "
                    + missing.joined(separator: ", "),
                file: "Chart.yaml", fix: "vendor the missing charts into charts/ (folders or .tgz archives)")
        }
    }
}
