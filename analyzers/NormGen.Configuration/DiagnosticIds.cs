namespace NormGen.Configuration
{
    /// <summary>Every NormGen diagnostic ID. Numbers are never reused.</summary>
    internal static class DiagnosticIds
    {
        public const string NotPartial = "NG0001";
        public const string UnknownLayoutLetter = "NG0002";
        public const string RepeatedLayoutLetter = "NG0003";
        public const string ChannelsNotDivisibleByGroups = "NG0004";
        public const string BatchOfOne = "NG0005";
        public const string LayoutWithoutChannels = "NG0006";
        public const string EmptyAxes = "NG0007";
        public const string UnknownAxis = "NG0008";
        public const string RepeatedAxis = "NG0009";
        public const string AxisNotInLayout = "NG0010";
        public const string GroupsWithReducedChannels = "NG0011";
        public const string GroupsOutOfRange = "NG0012";
        public const string ChannelsNotPositive = "NG0013";
        public const string DimensionNegative = "NG0014";
        public const string EpsilonOutOfRange = "NG0015";
        public const string MomentumOutOfRange = "NG0016";
        public const string SingleValuePerStatistic = "NG0017";
        public const string RunningStatsNotAllowed = "NG0018";
        public const string UnsupportedElementType = "NG0020";
        public const string CumulativeAverageWithMomentum = "NG0021";
        public const string FixedDimensionOfAbsentAxis = "NG0022";
        public const string StaticClass = "NG0023";
        public const string GroupsOneIsLayerNorm = "NG0024";
        public const string GroupsEqualChannelsIsInstanceNorm = "NG0025";
        public const string MomentumWithoutRunningStats = "NG0026";
        public const string RmsNormWithRunningStats = "NG0034";
        public const string RmsNormWithGroups = "NG0035";
        public const string UnknownActivation = "NG0036";
    }
}
