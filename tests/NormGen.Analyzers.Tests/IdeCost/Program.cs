using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NormGen.Analyzers;
using NormGen.Configuration;
using NormGen.Generator;

// What NormGen costs in the IDE on a project of 500 annotated classes (one file each, with a call site):
// the full run (generator from scratch, then every analyzer over the compilation), and after a one-line edit
// (the generator driver reused, the analyzers on the edited document, as the IDE does for the open file).
// The IDE runs generators and analyzers in a long-lived process, so the figures are taken once the JIT has finished
// optimising the code involved (tiered compilation recompiles hot methods in the background for many runs; until then
// the same run takes up to twice as long and varies widely); the first run of a fresh process is printed as well.
const int Classes = 500;
const int Repetitions = 7;
const int GeneratorRepetitions = 15;
const int EditRepetitions = 41;
const int WarmUpRuns = 30;
const int WarmUpEdits = 200;

string[] configurations =
{
    "Layout = \"NCHW\", Axes = \"N,H,W\", Channels = {0}",
    "Layout = \"NHWC\", Axes = \"H,W\", Channels = {0}, Groups = 4",
    "Layout = \"NLC\", Axes = \"C\", Channels = {0}",
    "Layout = \"NCL\", Axes = \"N,L\", Channels = {0}, Length = 16",
    "Layout = \"NCDHW\", Axes = \"D,H,W\", Channels = {0}, TrackRunningStats = true",
};

string Source(int i, int channels) =>
    "using NormGen;\nnamespace Model\n{\n[Normalize(" + string.Format(CultureInfo.InvariantCulture, configurations[i % configurations.Length], channels) + ")]\n"
    + "public partial class Layer" + i + " { }\n"
    + "public static class Use" + i + " { public static void Step(float[] x, float[] y) { var layer = new Layer" + i + "(); layer.Training = " + (i % 2 == 0 ? "true" : "false") + "; } }\n}\n";

var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
    .Append(MetadataReference.CreateFromFile(typeof(NormGen.NormalizeAttribute).Assembly.Location));
var trees = Enumerable.Range(0, Classes).Select(i => CSharpSyntaxTree.ParseText(Source(i, 64), parseOptions, path: "Layer" + i + ".cs")).ToArray();
var compilation = CSharpCompilation.Create("Model", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
    new PartialDeclarationAnalyzer(), new LayoutAndAxesAnalyzer(), new GroupsAnalyzer(),
    new BatchOfOneAnalyzer(), new ConfigurationValuesAnalyzer(), new ForwardCallAnalyzer(),
    new LayerConstructionAnalyzer(), new DefaultLayoutAnalyzer());
var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true);

GeneratorDriver NewDriver() => DriverFor(new NormalizeGenerator());
GeneratorDriver DriverFor(IIncrementalGenerator generator) => CSharpGeneratorDriver.Create(
    new[] { generator.AsSourceGenerator() },
    parseOptions: parseOptions,
    driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

double MedianOf(double[] times) => times.OrderBy(t => t).ElementAt(times.Length / 2);
double Median(Func<double> measure, int repetitions = Repetitions) => MedianOf(Enumerable.Range(0, repetitions).Select(_ => measure()).ToArray());

double Time(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    return watch.Elapsed.TotalMilliseconds;
}

// The time spent inside the analyzers' callbacks, as the IDE attributes it (binding the code is the compiler's work,
// done for its own diagnostics whether or not analyzers run).
double AnalyzerTime(AnalysisResult result) => result.AnalyzerTelemetryInfo.Values.Sum(t => t.ExecutionTime.TotalMilliseconds);

double Analyze(Compilation c)
{
    c.GetDiagnostics();
    // The compiler's garbage collected first, so that its collection does not pause the analyzers' callbacks (their
    // time is wall-clock time, and a full collection of a heap holding 500 compiled layers takes a good part of 100 ms).
    GC.Collect();
    GC.WaitForPendingFinalizers();
    return AnalyzerTime(c.WithAnalyzers(analyzers, options).GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult());
}

// Each measurement starts from a fresh compilation (new Compilation objects: no cached binding), as after opening the solution.
Compilation Fresh() => compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parseOptions, t.FilePath)));

// The first run of a fresh process: the JIT compiles everything on the way.
var first = Fresh();
GeneratorDriver firstDriver = NewDriver();
double generatorFirst = Time(() => firstDriver = firstDriver.RunGenerators(first));
firstDriver.RunGeneratorsAndUpdateCompilation(first, out var firstWithGenerated, out _);
double analyzersFirst = Analyze(firstWithGenerated);
Analyze(firstWithGenerated); // a second run, so that the analyzers' own code is compiled before the warm-up below

// The one-line edit: the channel count of one class, 32 or 64 by the parity of the edit's number.
Compilation Edit(Compilation c, int edit)
{
    var old = c.SyntaxTrees.First(t => t.FilePath == "Layer7.cs");
    return c.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(Source(7, 32 + (edit % 2) * 32))));
}

// One-line edits, each followed by a run of the driver; returns the time of each run.
double[] Edits(Func<GeneratorDriver> newDriver, int count)
{
    var edited = Fresh();
    var editDriver = newDriver().RunGenerators(edited);
    var times = new double[count];
    for (int i = 0; i < count; i++)
    {
        edited = Edit(edited, i);
        times[i] = Time(() => editDriver = editDriver.RunGenerators(edited));
    }

    return times;
}

double FullRun(Func<GeneratorDriver> newDriver)
{
    var c = Fresh();
    GC.Collect();
    return Time(() => newDriver().RunGenerators(c));
}

// The floor under any generator that finds NormGen's attributes with ForAttributeWithMetadataName, as Roslyn
// recommends: the same eight lookups with transforms that do nothing. Roslyn binds every annotated class's attribute
// again in each new compilation, whatever the generator then does with it.
GeneratorDriver NewFloorDriver() => DriverFor(new BindingFloorGenerator(BindingFloorGenerator.MetadataNames.Length));

// The same with a single lookup (NormalizeAttribute alone): what any generator finding one attribute on these classes
// pays per edit; and with the two lookups every [Normalize] class goes through whatever else the generator finds
// (NormalizeAttribute and NormalizeAttribute<T>, the generic form the design card prescribes).
GeneratorDriver NewSingleLookupDriver() => DriverFor(new BindingFloorGenerator(1));
GeneratorDriver NewNormalizeLookupsDriver() => DriverFor(new BindingFloorGenerator(2));

// Warm up until the JIT has settled: full runs and one-line edits, as an IDE session makes them.
for (int i = 0; i < WarmUpRuns; i++)
{
    NewDriver().RunGenerators(Fresh());
    NewFloorDriver().RunGenerators(Fresh());
}

Edits(NewDriver, WarmUpEdits);
Edits(NewFloorDriver, WarmUpEdits);
Edits(NewSingleLookupDriver, WarmUpEdits);
Edits(NewNormalizeLookupsDriver, WarmUpEdits);

double generatorFull = Median(() => FullRun(NewDriver), GeneratorRepetitions);
double floorFull = Median(() => FullRun(NewFloorDriver), GeneratorRepetitions);
double generatorEdit = MedianOf(Edits(NewDriver, EditRepetitions));
double floorEdit = MedianOf(Edits(NewFloorDriver, EditRepetitions));
double singleLookupEdit = MedianOf(Edits(NewSingleLookupDriver, EditRepetitions));
double normalizeLookupsEdit = MedianOf(Edits(NewNormalizeLookupsDriver, EditRepetitions));
double analyzersFull = Median(() =>
{
    NewDriver().RunGeneratorsAndUpdateCompilation(Fresh(), out var withGenerated, out _);
    return Analyze(withGenerated);
});

// The analyzers on the edited document after a one-line edit (the generator run first, as the IDE does).
var baseCompilation = Fresh();
var driver = NewDriver().RunGenerators(baseCompilation);
int edits = 0;
double analyzersEdit = Median(() =>
{
    var next = Edit(baseCompilation, ++edits);
    driver = driver.RunGeneratorsAndUpdateCompilation(next, out var nextWithGenerated, out _);
    baseCompilation = next;
    var document = nextWithGenerated.SyntaxTrees.First(t => t.FilePath == "Layer7.cs");
    var model = nextWithGenerated.GetSemanticModel(document);
    model.GetDiagnostics();
    var withAnalyzers = nextWithGenerated.WithAnalyzers(analyzers, options);
    return AnalyzerTime(withAnalyzers.GetAnalysisResultAsync(document, CancellationToken.None).GetAwaiter().GetResult())
        + AnalyzerTime(withAnalyzers.GetAnalysisResultAsync(model, null, CancellationToken.None).GetAwaiter().GetResult());
});

// The driver hands the generated text to the compiler unparsed; the compiler parses it when it first needs the trees
// (for the compilation the IDE builds next), a cost that grows with the generated text and is not in the figures above.
var generatedTexts = NewDriver().RunGenerators(Fresh()).GetRunResult().GeneratedTrees.Select(t => t.GetText()).ToArray();
double parseGenerated = Median(() => Time(() => { foreach (var text in generatedTexts) CSharpSyntaxTree.ParseText(text, parseOptions).GetRoot(); }));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Classes} annotated classes, {Environment.ProcessorCount} cores; first run of the process: generator {generatorFirst:F1} ms, analyzers {analyzersFirst:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after warm-up ({WarmUpRuns} full runs, {WarmUpEdits} edits), medians of {GeneratorRepetitions} full generator runs, {EditRepetitions} edits, {Repetitions} analyzer runs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"full run:        generator {generatorFull,8:F1} ms   analyzers (whole compilation, time in callbacks) {analyzersFull,8:F1} ms   total {generatorFull + analyzersFull,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"one-line edit:   generator {generatorEdit,8:F1} ms   analyzers (edited document, time in callbacks)   {analyzersEdit,8:F1} ms   total {generatorEdit + analyzersEdit,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor (the same attribute lookups, transforms doing nothing): full run {floorFull,8:F1} ms   one-line edit {floorEdit,8:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor of one lookup (NormalizeAttribute) / of the two Normalize lookups:            one-line edit {singleLookupEdit,8:F1} / {normalizeLookupsEdit:F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated text:  {generatedTexts.Sum(t => t.Length)} characters in {generatedTexts.Length} files; parsing it (done later by the compiler) {parseGenerated,8:F1} ms"));

/// <summary>Finds NormGen's attributes exactly as the generator does (the first <c>lookups</c> of its eight lookups)
/// and does nothing with them.</summary>
internal sealed class BindingFloorGenerator(int lookups) : IIncrementalGenerator
{
    /// <summary>The generator's lookups (NormalizeGenerator, WeightNormPipeline, ScalerPipeline), from the same constants.</summary>
    public static readonly string[] MetadataNames =
    {
        NormalizeAttributeReader.MetadataName, NormalizeAttributeReader.GenericMetadataName,
        WeightNormalizeAttributeReader.MetadataName, WeightNormalizeAttributeReader.GenericMetadataName,
        ScalerAttributeReader.MinMaxMetadataName, ScalerAttributeReader.MinMaxGenericMetadataName,
        ScalerAttributeReader.StandardMetadataName, ScalerAttributeReader.StandardGenericMetadataName,
    };

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var name in MetadataNames.Take(lookups))
        {
            var found = context.SyntaxProvider.ForAttributeWithMetadataName(name, static (_, _) => true, static (c, _) => c.TargetSymbol.Name);
            context.RegisterSourceOutput(found, static (_, _) => { });
        }
    }
}
