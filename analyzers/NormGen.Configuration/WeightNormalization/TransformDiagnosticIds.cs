namespace NormGen.Configuration
{
    /// <summary>Diagnostic IDs of weight normalisation and the input scalers (NG0040 to NG0048), and NG0027 for a class
    /// with more than one NormGen attribute, which <c>[Normalize]</c> shares. Numbers are never reused (NG0049 stays
    /// unused). Message arguments per ID are listed beside each check in <see cref="WeightNormValidator"/>,
    /// <see cref="ScalerValidator"/> and <see cref="TransformAttributes"/>.</summary>
    internal static class TransformDiagnosticIds
    {
        /// <summary><c>[WeightNormalize]</c>: <c>Dim</c> is not a dimension of <c>Shape</c>.</summary>
        public const string DimOutOfRange = "NG0040";

        /// <summary><c>[WeightNormalize]</c>: <c>Shape</c> is missing, has an extent below 1, or is too large.</summary>
        public const string InvalidWeightShape = "NG0041";

        /// <summary><c>[WeightNormalize]</c>: <c>Epsilon</c> is negative, NaN or infinite.</summary>
        public const string WeightEpsilonOutOfRange = "NG0042";

        /// <summary>A weight normalisation or scaler attribute with a type argument other than float or double.</summary>
        public const string UnsupportedElementType = "NG0043";

        /// <summary>Scaler: <c>Layout</c> has an unknown or repeated letter, or no <c>C</c>.</summary>
        public const string InvalidScalerLayout = "NG0044";

        /// <summary>Scaler: <c>Axes</c> is empty, names an unknown or repeated axis, or one not in the layout.</summary>
        public const string InvalidScalerAxes = "NG0045";

        /// <summary><c>[MinMaxScaler]</c>: <c>FeatureRangeMin</c> is not below <c>FeatureRangeMax</c>, or either is not finite.</summary>
        public const string InvalidFeatureRange = "NG0047";

        /// <summary>Scaler: a fixed extent is negative, or fixes an axis the layout does not have.</summary>
        public const string InvalidScalerExtent = "NG0048";

        /// <summary>A class carries more than one NormGen attribute of any kind.</summary>
        public const string ConflictingAttributes = "NG0027";
    }
}
