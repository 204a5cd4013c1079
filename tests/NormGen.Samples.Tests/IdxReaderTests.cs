using System;
using NormGen.Samples.FashionMnist.Data;
using Xunit;

namespace NormGen.Samples.Tests
{
    public sealed class IdxReaderTests
    {
        [Theory]
        [InlineData("images.gz")]
        [InlineData("images")]
        public void A_good_image_file_gives_its_extents_and_bytes(string name)
        {
            using var folder = new TempFolder();
            byte[] file = IdxFiles.Images(3, 28, 28);
            IdxFiles.Write(folder.File(name), file);

            var (pixels, count, rows, columns) = IdxReader.ReadImages(folder.File(name));

            Assert.Equal((3, 28, 28), (count, rows, columns));
            Assert.Equal(file.AsSpan(16).ToArray(), pixels);
        }

        [Fact]
        public void A_good_pair_loads_as_floats_with_its_labels()
        {
            using var folder = new TempFolder();
            IdxFiles.Write(folder.File("i.gz"), IdxFiles.Images(4, 28, 28));
            IdxFiles.Write(folder.File("l.gz"), IdxFiles.Labels(4));

            var data = FashionMnistFiles.LoadPair(folder.Path, "i.gz", "l.gz");

            Assert.Equal(4, data.Count);
            Assert.Equal(new byte[] { 0, 1, 2, 3 }, data.Labels);
            Assert.Equal((float)(byte)(16 * 7), data.Images[0]);
        }

        [Fact]
        public void A_truncated_image_file_names_the_file_and_the_expected_size()
        {
            using var folder = new TempFolder();
            byte[] file = IdxFiles.Images(3, 28, 28);
            IdxFiles.Write(folder.File("images.gz"), file.AsSpan(0, file.Length - 100).ToArray());

            var error = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(folder.File("images.gz")));

            Assert.Contains(folder.File("images.gz"), error.Message);
            Assert.Contains("truncated", error.Message);
            Assert.Contains("expected 2352", error.Message);
        }

        [Fact]
        public void A_file_shorter_than_its_header_is_truncated()
        {
            using var folder = new TempFolder();
            IdxFiles.Write(folder.File("labels"), new byte[] { 0, 0, 8, 1, 0 });

            var error = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(folder.File("labels")));

            Assert.Contains("truncated", error.Message);
            Assert.Contains("8-byte IDX header", error.Message);
        }

        [Fact]
        public void A_wrong_magic_names_the_file_and_the_expected_magic()
        {
            using var folder = new TempFolder();
            IdxFiles.Write(folder.File("train-labels-idx1-ubyte.gz"), IdxFiles.Images(2, 28, 28));

            var error = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(folder.File("train-labels-idx1-ubyte.gz")));

            Assert.Contains(folder.File("train-labels-idx1-ubyte.gz"), error.Message);
            Assert.Contains("magic number 0x00000803; expected 0x00000801", error.Message);
        }

        [Fact]
        public void A_file_that_is_not_gzip_says_so()
        {
            using var folder = new TempFolder();
            System.IO.File.WriteAllBytes(folder.File("raw-but-named.gz"), IdxFiles.Labels(2));

            var error = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(folder.File("raw-but-named.gz")));

            Assert.Contains("gzip", error.Message);
        }

        [Fact]
        public void Labels_and_images_of_different_counts_are_refused()
        {
            using var folder = new TempFolder();
            IdxFiles.Write(folder.File("i.gz"), IdxFiles.Images(5, 28, 28));
            IdxFiles.Write(folder.File("l.gz"), IdxFiles.Labels(4));

            var error = Assert.Throws<IdxFormatException>(() => FashionMnistFiles.LoadPair(folder.Path, "i.gz", "l.gz"));

            Assert.Contains(folder.File("l.gz"), error.Message);
            Assert.Contains("4 labels; expected 5", error.Message);
        }

        [Fact]
        public void A_folder_without_the_files_names_the_missing_file()
        {
            using var folder = new TempFolder();

            var error = Assert.Throws<IdxFormatException>(() => FashionMnistFiles.Load(folder.Path));

            Assert.Contains(FashionMnistFiles.TrainImages, error.Message);
            Assert.Contains("not found", error.Message);
        }

        [Fact]
        public void The_shipped_subset_holds_10000_training_and_2000_test_images()
        {
            var (train, test) = FashionMnistFiles.Load(TestData.SubsetFolder);

            Assert.Equal((10000, 2000), (train.Count, test.Count));
            Assert.Equal(28 * 28 * 10000, train.Images.Length);
        }
    }
}
