namespace NormGen.Tests.Reference
{
    /// <summary>Which statistic, parameter and running statistic each element of a tensor belongs to.</summary>
    public sealed class StatisticMap
    {
        private readonly NormSpec _spec;

        public StatisticMap(NormSpec spec, LayoutShape shape)
        {
            _spec = spec;
            Shape = shape;

            int statistics = 1;
            int perStatistic = 1;
            int parameters = 1;
            foreach (char axis in shape.Layout)
            {
                int extent = shape.Extent(axis);
                if (!spec.IsReduced(axis))
                {
                    statistics *= axis == 'C' && spec.HasGroups ? spec.Groups : extent;
                    perStatistic *= axis == 'C' && spec.HasGroups ? extent / spec.Groups : 1;
                }
                else
                {
                    perStatistic *= extent;
                    parameters *= axis == 'N' ? 1 : extent;
                }
            }

            StatisticCount = statistics;
            ElementsPerStatistic = perStatistic;
            ParameterCount = spec.ElementwiseAffine ? parameters : shape.Extent('C');
            RunningCount = spec.HasGroups ? spec.Groups : shape.Extent('C');
        }

        public LayoutShape Shape { get; }

        /// <summary>Number of (mean, variance) pairs.</summary>
        public int StatisticCount { get; }

        /// <summary>Number of elements each statistic is computed from.</summary>
        public int ElementsPerStatistic { get; }

        /// <summary>Length of the weight and bias.</summary>
        public int ParameterCount { get; }

        /// <summary>Length of the running mean and variance (per channel, or per group).</summary>
        public int RunningCount { get; }

        private int GroupSize => Shape.Extent('C') / _spec.Groups;

        /// <summary>Row-major position over the kept axes (C replaced by its group when grouped).</summary>
        public int StatisticOf(int[] multiIndex)
        {
            int statistic = 0;
            for (int axis = 0; axis < Shape.Rank; axis++)
            {
                char letter = Shape.Layout[axis];
                if (_spec.IsReduced(letter))
                {
                    continue;
                }

                int index = multiIndex[axis];
                int extent = Shape.Extents[axis];
                if (letter == 'C' && _spec.HasGroups)
                {
                    index /= GroupSize;
                    extent = _spec.Groups;
                }

                statistic = (statistic * extent) + index;
            }

            return statistic;
        }

        /// <summary>The channel, or the row-major position over the reduced non-batch axes (layout order) when C is reduced.</summary>
        public int ParameterOf(int[] multiIndex)
        {
            if (!_spec.ElementwiseAffine)
            {
                return Shape.IndexAlong(multiIndex, 'C');
            }

            int parameter = 0;
            for (int axis = 0; axis < Shape.Rank; axis++)
            {
                char letter = Shape.Layout[axis];
                if (letter != 'N' && _spec.IsReduced(letter))
                {
                    parameter = (parameter * Shape.Extents[axis]) + multiIndex[axis];
                }
            }

            return parameter;
        }

        /// <summary>The running statistic an element is normalised with in eval mode: its channel, or its group.</summary>
        public int RunningOf(int[] multiIndex)
        {
            int channel = Shape.IndexAlong(multiIndex, 'C');
            return _spec.HasGroups ? channel / GroupSize : channel;
        }
    }
}
