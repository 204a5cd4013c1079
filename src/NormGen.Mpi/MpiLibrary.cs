using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Linq;
using System.Text;

namespace NormGen.Mpi
{
    /// <summary>
    /// The few entry points of Open MPI's <c>libmpi.so.40</c> that synchronised layers need, bound at run time. Open MPI's
    /// predefined handles (<c>MPI_COMM_WORLD</c>, <c>MPI_DOUBLE</c>, <c>MPI_ERRORS_RETURN</c>) are the addresses of
    /// exported globals (<c>ompi_mpi_comm_world</c>, ...), which <see cref="NativeLibrary.GetExport"/> gives directly.
    /// </summary>
    internal sealed unsafe class MpiLibrary
    {
        /// <summary>The names tried in order; <c>NORMGEN_LIBMPI</c> in the environment, when set, is tried first.</summary>
        private static readonly string[] Candidates = { "libmpi.so.40", "libmpi.so" };

        private const int MpiSuccess = 0;
        private const int ErrorStringLength = 512;

        private readonly delegate* unmanaged<int*, byte***, int> _init;
        private readonly delegate* unmanaged<int*, int> _initialized;
        private readonly delegate* unmanaged<int> _finalize;
        private readonly delegate* unmanaged<int*, int> _finalized;
        private readonly delegate* unmanaged<nint, int*, int> _commRank;
        private readonly delegate* unmanaged<nint, int*, int> _commSize;
        private readonly delegate* unmanaged<nint, nint, int> _commSetErrhandler;
        private readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> _allgather;
        private readonly delegate* unmanaged<int, byte*, int*, int> _errorString;
        private readonly delegate* unmanaged<nint, int, int> _abort;

        private MpiLibrary(nint handle, string name)
        {
            Name = name;
            _init = (delegate* unmanaged<int*, byte***, int>)Export(handle, "MPI_Init");
            _initialized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Initialized");
            _finalize = (delegate* unmanaged<int>)Export(handle, "MPI_Finalize");
            _finalized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Finalized");
            _commRank = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_rank");
            _commSize = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_size");
            _commSetErrhandler = (delegate* unmanaged<nint, nint, int>)Export(handle, "MPI_Comm_set_errhandler");
            _allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export(handle, "MPI_Allgather");
            _errorString = (delegate* unmanaged<int, byte*, int*, int>)Export(handle, "MPI_Error_string");
            _abort = (delegate* unmanaged<nint, int, int>)Export(handle, "MPI_Abort");
            CommWorld = Export(handle, "ompi_mpi_comm_world");
            Double = Export(handle, "ompi_mpi_double");
            ErrorsReturn = Export(handle, "ompi_mpi_errors_return");
        }

        /// <summary>The file the library was loaded from.</summary>
        public string Name { get; }

        public nint CommWorld { get; }

        public nint Double { get; }

        public nint ErrorsReturn { get; }

        /// <summary>Opens libmpi, or throws <see cref="DllNotFoundException"/> naming what was tried and how to install it.</summary>
        public static MpiLibrary Open()
        {
            var tried = new StringBuilder();
            string? fromEnvironment = Environment.GetEnvironmentVariable("NORMGEN_LIBMPI");
            var names = string.IsNullOrEmpty(fromEnvironment) ? Candidates : new[] { fromEnvironment! }.Concat(Candidates);
            foreach (var name in names)
            {
                try
                {
                    return new MpiLibrary(NativeLibrary.Load(name), name);
                }
                catch (DllNotFoundException e)
                {
                    tried.Append(CultureInfo.InvariantCulture, $" {name}: {e.Message};");
                }
            }

            throw new DllNotFoundException("Open MPI's libmpi could not be loaded (tried" + tried + "). Install Open MPI (Debian/Ubuntu: apt-get install openmpi-bin libopenmpi-dev), or set NORMGEN_LIBMPI to the library's path.");
        }

        public bool IsInitialized()
        {
            int flag;
            Check(_initialized(&flag), "MPI_Initialized");
            return flag != 0;
        }

        public bool IsFinalized()
        {
            int flag;
            Check(_finalized(&flag), "MPI_Finalized");
            return flag != 0;
        }

        public void Init() => Check(_init(null, null), "MPI_Init");

        public void FinalizeMpi() => Check(_finalize(), "MPI_Finalize");

        public int Rank(nint communicator)
        {
            int rank;
            Check(_commRank(communicator, &rank), "MPI_Comm_rank");
            return rank;
        }

        public int Size(nint communicator)
        {
            int size;
            Check(_commSize(communicator, &size), "MPI_Comm_size");
            return size;
        }

        public void ReturnErrors(nint communicator) => Check(_commSetErrhandler(communicator, ErrorsReturn), "MPI_Comm_set_errhandler");

        public void AllGather(ReadOnlySpan<double> local, Span<double> gathered, nint communicator, int rank)
        {
            fixed (double* send = local)
            fixed (double* receive = gathered)
            {
                Check(_allgather(send, local.Length, Double, receive, local.Length, Double, communicator), "MPI_Allgather", rank);
            }
        }

        public void Abort(nint communicator, int errorCode) => _abort(communicator, errorCode);

        public string ErrorString(int code)
        {
            byte* text = stackalloc byte[ErrorStringLength];
            int length = 0;
            return _errorString(code, text, &length) == MpiSuccess
                ? Encoding.ASCII.GetString(text, Math.Clamp(length, 0, ErrorStringLength))
                : "MPI error " + code.ToString(CultureInfo.InvariantCulture);
        }

        private void Check(int code, string call, int rank = -1)
        {
            if (code != MpiSuccess)
            {
                string where = rank < 0 ? "" : string.Format(CultureInfo.InvariantCulture, " on rank {0}", rank);
                throw new MpiException(string.Format(CultureInfo.InvariantCulture, "{0} failed{1} with error {2}: {3}", call, where, code, ErrorString(code)), code);
            }
        }

        private static nint Export(nint handle, string name)
        {
            if (!NativeLibrary.TryGetExport(handle, name, out nint address))
            {
                throw new EntryPointNotFoundException("libmpi has no export " + name + ": NormGen.Mpi binds Open MPI (libmpi.so.40), whose handles are exported globals; other MPI implementations are not supported.");
            }

            return address;
        }
    }
}
