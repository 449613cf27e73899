using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenTelemetry.Trace;

namespace Alexandrite.UnitTests.ShopWeb;

/// <summary>
/// The page's ratio decision (Shop.Web/Client/sampling.js) is OpenTelemetry .NET's TraceIdRatioBasedSampler's, for the
/// same trace ids and ratios: otherwise a click's spans and the services' spans under it would be kept apart. Runs
/// the module itself in Node.js, which Shop.Web's build needs anyway.
/// </summary>
public sealed class BrowserSamplingTests
{
    [Fact]
    public async Task The_page_keeps_exactly_the_traces_the_services_keep_by_ratio()
    {
        double[] ratios = [0, 0.1, 0.25, 0.5, 0.999, 1];
        var traceIds = Enumerable.Range(0, 500).Select(_ => ActivityTraceId.CreateRandom().ToHexString())
            .Concat(["7fffffffffffffff0000000000000001", "8000000000000001ffffffffffffffff", "ffffffffffffffff0000000000000001", "0000000000000001ffffffffffffffff"])
            .ToArray();
        var expected = ratios.Select(ratio =>
        {
            var sampler = new TraceIdRatioBasedSampler(ratio);
            return traceIds.Select(id => sampler.ShouldSample(new SamplingParameters(default, ActivityTraceId.CreateFromString(id), "click", ActivityKind.Internal)).Decision == SamplingDecision.RecordAndSample).ToArray();
        }).ToArray();

        var actual = await RunNodeAsync(ratios, traceIds);

        for (var r = 0; r < ratios.Length; r++)
        {
            for (var t = 0; t < traceIds.Length; t++)
            {
                Assert.True(expected[r][t] == actual[r][t], $"ratio {ratios[r]}, trace {traceIds[t]}: .NET {expected[r][t]}, page {actual[r][t]}");
            }
        }

        Assert.Contains(true, actual[3]);
        Assert.Contains(false, actual[3]);
    }

    private static async Task<bool[][]> RunNodeAsync(double[] ratios, string[] traceIds)
    {
        var shopWeb = Path.Combine(RepositoryRoot.Find(), "Shop.Web");
        var script = $$"""
            import { keptByRatio } from "./Client/sampling.js";
            const ratios = {{JsonSerializer.Serialize(ratios.Select(ratio => ratio.ToString("R", CultureInfo.InvariantCulture)))}}.map(Number);
            const ids = {{JsonSerializer.Serialize(traceIds)}};
            console.log(JSON.stringify(ratios.map(ratio => ids.map(id => keptByRatio(id, ratio)))));
            """;
        var start = new ProcessStartInfo("node", ["--input-type=module", "-"])
        {
            WorkingDirectory = shopWeb,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(script);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(node.ExitCode == 0, $"node failed: {await errors}");
        return JsonSerializer.Deserialize<bool[][]>(await output)!;
    }
}
