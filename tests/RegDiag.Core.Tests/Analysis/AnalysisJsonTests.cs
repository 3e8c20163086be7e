using System.Text.Json.Nodes;
using RegDiag.Core.Analysis;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;
using RegDiag.Core.Timeline;
using RegDiag.Testing.Exchanges;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Core.Tests.Analysis;

public sealed class AnalysisJsonTests
{
    [Fact]
    public void Write_CompactDocumentOfManyExchanges_SameJsonAsIndentedAndInOrder()
    {
        // Enough exchanges for several parallel runs and slices of the compact writer (ParallelListConverter).
        long id = 1;
        double at = 0;
        var exchanges = new List<Exchange>();
        for (var layer = 0; exchanges.Count < 2500; layer++)
        {
            exchanges.AddRange(Login(ref id, ref at));
            exchanges.AddRange(PushBlob(ref id, ref at, "sha256:" + layer.ToString("x64"), "bytes " + layer, "u-" + layer));
            exchanges.Add(ManifestPut(id++, at += 10));
        }
        var analysis = Analyzer.Analyze(exchanges);
        var document = AnalysisDocumentBuilder.Build(analysis, TimelineBuilder.Build(analysis, Redactor.Default), Redactor.Default, "t.har");

        var compact = Write(document, indented: false);
        var indented = Write(document, indented: true);

        Assert.DoesNotContain('\n', compact);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(indented), JsonNode.Parse(compact)));
        var ids = JsonNode.Parse(compact)!["exchanges"]!.AsArray().Select(e => e!["id"]!.GetValue<long>());
        Assert.Equal(analysis.Exchanges.Select(e => e.Exchange.Id), ids);
        Assert.Equal(document.Operations.Count, JsonNode.Parse(compact)!["operations"]!.AsArray().Count);
        Assert.True(document.Operations.Count > 64, $"{document.Operations.Count} sections: too few for several slices");
    }

    private static string Write(AnalysisDocument document, bool indented)
    {
        using var buffer = new MemoryStream();
        AnalysisJson.Write(document, buffer, indented);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
