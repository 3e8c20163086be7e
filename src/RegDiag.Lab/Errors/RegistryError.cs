namespace RegDiag.Lab.Errors;

/// <summary>An error as served: its code, a message (the descriptor's unless overridden) and an optional detail.</summary>
internal sealed record RegistryError(ErrorDescriptor Code, string Message, object? Detail)
{
    public static RegistryError Of(ErrorDescriptor code, object? detail = null) => new(code, code.Message, detail);

    public RegistryError WithMessage(string message) => this with { Message = message };
}
