using RegDiag.Core.Correlation;

namespace RegDiag.Core.Knowledge;

/// <summary>One exchange and its neighbours, as the engine and the context predicates see them.</summary>
internal sealed record MatchContext(
    AnalyzedExchange Exchange,
    IReadOnlyList<AnalyzedExchange> All,
    IReadOnlyList<OperationGroup> Operations,
    IReadOnlyList<UploadSession> Uploads,
    IReadOnlyDictionary<string, UploadSession> UploadsById,
    IReadOnlySet<int> Recovered)
{
    public OperationGroup? Group => Exchange.OperationGroup is { } id ? Operations[id] : null;
}
