namespace RegDiag.Core.Decoding;

/// <summary>One entry of a registry's <c>{"errors":[{"code","message","detail"}]}</c> body.</summary>
public sealed record RegistryError(string Code, string? Message, string? Detail);
