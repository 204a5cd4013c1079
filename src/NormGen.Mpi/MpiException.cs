using System;

namespace NormGen.Mpi
{
    /// <summary>An MPI call returned an error code: <see cref="Exception.Message"/> holds MPI's own description of it
    /// (<c>MPI_Error_string</c>), the call that failed and this process's rank.</summary>
    public sealed class MpiException : Exception
    {
        /// <summary>An exception for <paramref name="errorCode"/>.</summary>
        public MpiException(string message, int errorCode)
            : base(message)
        {
            ErrorCode = errorCode;
        }

        /// <summary>The code the MPI call returned.</summary>
        public int ErrorCode { get; }
    }
}
