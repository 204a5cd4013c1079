using System;

namespace NormGen.Samples.FashionMnist.Data
{
    /// <summary>An IDX file that is missing, truncated or not what the data set needs; the message names the file.</summary>
    public sealed class IdxFormatException : Exception
    {
        public IdxFormatException(string message)
            : base(message)
        {
        }

        public IdxFormatException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
