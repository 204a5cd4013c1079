using System;
using System.IO;
using NormGen.Samples.FashionMnist.Data;

namespace NormGen.Samples.Tests
{
    internal static class TestData
    {
        /// <summary>The subset shipped with the sample, copied beside the tests by the project reference.</summary>
        public static string SubsetFolder => Path.Combine(AppContext.BaseDirectory, "Data", "Subset");

        private static readonly Lazy<DataSet> Train = new(() => FashionMnistFiles.LoadPair(SubsetFolder, FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels));

        /// <summary>The first <paramref name="count"/> training images, pixels scaled to [0, 1] and centred.</summary>
        public static DataSet Slice(int count)
        {
            var data = Train.Value.Take(count);
            var images = new float[data.Images.Length];
            for (int i = 0; i < images.Length; i++)
            {
                images[i] = data.Images[i] / 255f - 0.3f;
            }

            return data.WithImages(images);
        }
    }
}
