namespace RegDiag.Core.Model;

/// <summary>A transport failure recorded in place of (or after the start of) a response.</summary>
public sealed record ExchangeError(ExchangeErrorKind Kind, string Message);
