using RegDiag.Core.Analysis;
using RegDiag.Core.Redaction;
using RegDiag.Core.Timeline;
using RegDiag.Testing.Exchanges;
using static RegDiag.Testing.Exchanges.Scenarios;

namespace RegDiag.Core.Tests.Analysis;

public sealed class AnalysisDocumentBuilderTests
{
    [Fact]
    public void Build_ExchangeRecords_OnePerExchangeInStartOrderAndRedacted()
    {
        long id = 1;
        double at = 0;
        var exchanges = Login(ref id, ref at);
        exchanges.AddRange(PushBlob(ref id, ref at, Layer, "layer-bytes", "u-1"));
        var url = Presigned(Layer, X.T0.AddMilliseconds(at));
        exchanges.Add(X.Ex(id++, "HEAD", $"{Registry}/v2/{Repo}/blobs/{Layer}", 307, atMs: at, response: [("Location", url)]));
        exchanges.Add(X.Ex(id, "HEAD", url, 200, atMs: at + 10));
        exchanges.Reverse(); // the analysis puts them back in start order
        var analysis = Analyzer.Analyze(exchanges);

        var document = AnalysisDocumentBuilder.Build(analysis, TimelineBuilder.Build(analysis, Redactor.Default), Redactor.Default, "t.har");

        Assert.Equal(Enumerable.Range(1, (int)id).Select(i => (long)i), document.Exchanges.Select(e => e.Id));
        Assert.Equal(document.Exchanges.Count, document.Exchanges.Count());
        Assert.Equal(document.Exchanges[^1].Url, document.Exchanges.Last().Url);
        Assert.Contains("X-Amz-Signature=%3Credacted", document.Exchanges[^1].Url);
        Assert.Equal(id - 1, document.Exchanges[^1].RedirectedFrom);
        Assert.Equal("HeadObject", document.Exchanges[^1].Operation);
    }
}
