using System;
using System.IO;

namespace NormGen.Samples.FashionMnist.Output
{
    /// <summary>Checks before training that the output folder can be created and written, so a long run does not end
    /// without its results.</summary>
    public static class OutputFolder
    {
        public static void EnsureWritable(string folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
                string probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
                File.WriteAllText(probe, "");
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                throw new IOException($"Cannot write to the output folder {folder}: {e.Message} Choose another with --out DIR.", e);
            }
        }
    }
}
