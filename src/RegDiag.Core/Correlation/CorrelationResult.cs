namespace RegDiag.Core.Correlation;

/// <summary>What the correlators built over one set of exchanges.</summary>
public sealed record CorrelationResult(IReadOnlyList<UploadSession> Uploads, IReadOnlyList<OperationGroup> Operations);
