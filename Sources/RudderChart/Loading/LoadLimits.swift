/// Size limits for loading a chart, as Helm's `ChartLoadOptions`.
public struct LoadLimits: Sendable, Equatable {
    /// The most bytes all of a chart's files may hold together (decompressed): 100 MiB.
    public var maxChartSize: Int
    /// The most bytes one file may hold (decompressed): 5 MiB.
    public var maxFileSize: Int
    /// The deepest nesting of subcharts (`charts/a/charts/b/…`) read.
    public var maxSubchartDepth: Int
    /// The most entries one archive may hold (Rudder's limit; Helm has none):
    /// 100,000 empty entries fit in 100 MiB but are no chart.
    public var maxArchiveEntries: Int

    public init(
        maxChartSize: Int = 100 * 1024 * 1024, maxFileSize: Int = 5 * 1024 * 1024, maxSubchartDepth: Int = 64,
        maxArchiveEntries: Int = 10_000
    ) {
        self.maxChartSize = maxChartSize
        self.maxFileSize = maxFileSize
        self.maxSubchartDepth = maxSubchartDepth
        self.maxArchiveEntries = maxArchiveEntries
    }

    /// Helm's defaults: 100 MiB per chart, 5 MiB per file.
    public static let `default` = LoadLimits()
}
