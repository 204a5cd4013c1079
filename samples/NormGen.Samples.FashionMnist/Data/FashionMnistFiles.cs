using System.IO;

namespace NormGen.Samples.FashionMnist.Data
{
    /// <summary>The four standard Fashion-MNIST files of a folder: training and test images and labels.</summary>
    public static class FashionMnistFiles
    {
        public const string TrainImages = "train-images-idx3-ubyte.gz";
        public const string TrainLabels = "train-labels-idx1-ubyte.gz";
        public const string TestImages = "t10k-images-idx3-ubyte.gz";
        public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

        /// <summary>Reads and checks both halves before returning, so a bad file stops the program before training.</summary>
        public static (DataSet Train, DataSet Test) Load(string folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new IdxFormatException($"{folder}: folder not found; expected the four Fashion-MNIST files {TrainImages}, {TrainLabels}, {TestImages}, {TestLabels}.");
            }

            return (LoadPair(folder, TrainImages, TrainLabels), LoadPair(folder, TestImages, TestLabels));
        }

        /// <summary>Reads one image file and its label file, which must hold the same number of items.</summary>
        public static DataSet LoadPair(string folder, string imageFile, string labelFile)
        {
            string imagePath = Path.Combine(folder, imageFile);
            string labelPath = Path.Combine(folder, labelFile);
            var (pixels, count, rows, columns) = IdxReader.ReadImages(imagePath);
            byte[] labels = IdxReader.ReadLabels(labelPath);
            if (labels.Length != count)
            {
                throw new IdxFormatException($"{labelPath}: {labels.Length} labels; expected {count}, one per image of {imagePath}.");
            }

            if (rows != 28 || columns != 28)
            {
                throw new IdxFormatException($"{imagePath}: images of {rows} × {columns}; expected 28 × 28 (Fashion-MNIST).");
            }

            var images = new float[pixels.Length];
            for (int i = 0; i < pixels.Length; i++)
            {
                images[i] = pixels[i];
            }

            return new DataSet(images, labels, rows, columns);
        }
    }
}
