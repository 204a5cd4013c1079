using System;

namespace NormGen.Samples.FashionMnist.Cli
{
    /// <summary>A command line the program does not understand (exit code 2).</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
