namespace NormGen.Generator.Emitting
{
    /// <summary>Small pieces of kernel methods that several emitters write the same way.</summary>
    internal static class Kernels
    {
        /// <summary><c>ref float mean = ref MemoryMarshal.GetArrayDataReference(_mean);</c> for each field.</summary>
        public static void DeclareStatistics(IndentedWriter w, LayerContext c, params string[] fields)
        {
            foreach (var field in fields)
            {
                DeclareArray(w, c, field.TrimStart('_'), field);
            }
        }

        public static void DeclareArray(IndentedWriter w, LayerContext c, string local, string array) =>
            w.Line("ref " + c.T + " " + local + " = ref " + Names.MemoryMarshal + ".GetArrayDataReference(" + array + ");");

        /// <summary><c>Unsafe.Add(ref array, index)</c>.</summary>
        public static string At(string array, string index) => RunKernel.Element(array, index);
    }
}
