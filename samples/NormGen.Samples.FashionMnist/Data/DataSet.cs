using System;

namespace NormGen.Samples.FashionMnist.Data
{
    /// <summary>Grey images (one channel, NCHW) as floats and their labels.</summary>
    public sealed class DataSet
    {
        public DataSet(float[] images, byte[] labels, int height, int width)
        {
            if (images.Length != labels.Length * height * width)
            {
                throw new ArgumentException($"{labels.Length} labels need {labels.Length * height * width} pixels; got {images.Length}.");
            }

            Images = images;
            Labels = labels;
            Height = height;
            Width = width;
        }

        public float[] Images { get; }

        public byte[] Labels { get; }

        public int Count => Labels.Length;

        public int Height { get; }

        public int Width { get; }

        public int ImageSize => Height * Width;

        /// <summary>The first <paramref name="count"/> images (the whole set when it has no more).</summary>
        public DataSet Take(int count)
        {
            if (count >= Count)
            {
                return this;
            }

            return new DataSet(Images.AsSpan(0, count * ImageSize).ToArray(), Labels.AsSpan(0, count).ToArray(), Height, Width);
        }

        /// <summary>The same labels with the images replaced (after scaling).</summary>
        public DataSet WithImages(float[] images) => new(images, Labels, Height, Width);
    }
}
