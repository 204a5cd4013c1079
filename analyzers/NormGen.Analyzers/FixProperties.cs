namespace NormGen.Analyzers
{
    /// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that carry what a code fix needs,
    /// computed by the analyzer that knows the whole configuration.</summary>
    internal static class FixProperties
    {
        /// <summary>Valid group counts to offer, comma separated ("2,5,10").</summary>
        public const string GroupCandidates = "GroupCandidates";

        /// <summary>Valid channel counts to pass to the constructor instead, comma separated ("24,32").</summary>
        public const string ChannelCandidates = "ChannelCandidates";

        /// <summary>The layout a declaration without <c>Layout</c> gets, which the fix writes out.</summary>
        public const string DefaultLayout = "DefaultLayout";

        /// <summary>Set when the fix removes the <c>Groups</c> argument.</summary>
        public const string RemoveGroups = "RemoveGroups";

        /// <summary>The corrected value of the string argument the diagnostic is on.</summary>
        public const string Replacement = "Replacement";

        /// <summary>The <c>Axes</c> of the InstanceNorm configuration a BatchNorm over one sample becomes.</summary>
        public const string InstanceNormAxes = "InstanceNormAxes";

        /// <summary>The <c>Axes</c> of the GroupNorm configuration a BatchNorm over one sample becomes.</summary>
        public const string GroupNormAxes = "GroupNormAxes";

        /// <summary>The <c>Groups</c> of that GroupNorm configuration.</summary>
        public const string GroupNormGroups = "GroupNormGroups";
    }
}
