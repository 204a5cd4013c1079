using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NormGen.Generator;

namespace NormGen.Benchmarks.Generator;

/// <summary>
/// What the generator costs on a project of 200 annotated classes (one file each): a full run (a new driver, as when
/// the project is opened or built) and a run after a one-line edit (the driver that has already run, one file changed,
/// as the IDE does on every keystroke). Every invocation gets a compilation no one has bound yet, so the attribute
/// binding the generator asks for is real work each time, as it is after a real edit.
/// </summary>
/// <remarks>One invocation per iteration (each needs its own compilation), so the suite's 3 warm-up iterations would
/// leave most of the generator and Roslyn in the JIT's first tier; 40 let tiered compilation finish, as it has in a
/// long-running IDE process.</remarks>
[BenchmarkCategory("Generator")]
[WarmupCount(40)]
[IterationCount(25)]
public class GeneratorBenchmark
{
    private const int Classes = 200;
    private const int EditedClass = 7;

    // A mix of the layers a network declares: BatchNorm, GroupNorm channels-last, LayerNorm, fixed-length BatchNorm1d,
    // InstanceNorm3d with running statistics, and a double LayerNorm over the channels.
    private static readonly string[] Configurations =
    {
        "Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = {0})",
        "Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = {0}, Groups = 4)",
        "Normalize(Layout = \"NLC\", Axes = \"C\", Channels = {0})",
        "Normalize(Layout = \"NCL\", Axes = \"N,L\", Channels = {0}, Length = 16)",
        "Normalize(Layout = \"NCDHW\", Axes = \"D,H,W\", Channels = {0}, TrackRunningStats = true)",
        "Normalize<double>(Layout = \"NC\", Axes = \"C\", Channels = {0})",
    };

    private static readonly int[] ChannelCounts = { 16, 32, 64, 128 };

    private readonly CSharpParseOptions _parseOptions = new(LanguageVersion.Latest);
    private CSharpCompilation _compilation = null!;
    private SyntaxTree[] _trees = null!;
    private Compilation _next = null!;
    private GeneratorDriver _driver = null!;
    private int _edits;

    /// <summary>The generator run: this build's, or another build's loaded beside it (<see cref="GeneratorLoop"/>).</summary>
    public IIncrementalGenerator Generator { get; set; } = new NormalizeGenerator();

    [GlobalSetup]
    public void Setup()
    {
        _trees = Enumerable.Range(0, Classes)
            .Select(i => CSharpSyntaxTree.ParseText(Source(i, ChannelCounts[i % ChannelCounts.Length]), _parseOptions, "Layer" + i + ".cs"))
            .ToArray();
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NormalizeAttribute).Assembly.Location));
        _compilation = CSharpCompilation.Create("Model", _trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    [IterationSetup(Target = nameof(FullRun))]
    public void NewCompilation() => _next = Unbound();

    [Benchmark]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_next);

    [IterationSetup(Target = nameof(OneLineEdit))]
    public void EditOneLine()
    {
        if (_driver is null)
        {
            _next = Unbound();
            _driver = NewDriver().RunGenerators(_next);
        }

        // The edit alternates the class's channel count, so the edited class's output is generated again every time.
        var old = _next.SyntaxTrees.First(tree => tree.FilePath == "Layer" + EditedClass + ".cs");
        int channels = ++_edits % 2 == 0 ? 64 : 96;
        _next = _next.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(Source(EditedClass, channels))));
    }

    [Benchmark]
    public GeneratorDriver OneLineEdit() => _driver = _driver.RunGenerators(_next);

    private Compilation Unbound() => _compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(_trees);

    private GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        new[] { Generator.AsSourceGenerator() },
        parseOptions: _parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static string Source(int i, int channels) =>
        "using NormGen;\nnamespace Model\n{\n["
        + string.Format(CultureInfo.InvariantCulture, Configurations[i % Configurations.Length], channels) + "]\n"
        + "public partial class Layer" + i + " { }\n"
        + "public static class Use" + i + " { public static void Step() { var layer = new Layer" + i + "(); layer.Training = "
        + (i % 2 == 0 ? "true" : "false") + "; } }\n}\n";
}
