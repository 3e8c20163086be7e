using System.Text.Json;

namespace RegDiag.Doctor.Api;

/// <summary>The first entry of a registry error body: {"errors":[{"code","message","detail"}]}.</summary>
public sealed record RegistryError(string Code, string Message, string? Detail)
{
    public override string ToString() => Detail == null ? $"{Code}: {Message}" : $"{Code}: {Message} ({Detail})";

    public static RegistryError? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                string? Text(string name) => first.TryGetProperty(name, out var v)
                    ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
                    : null;
                return new RegistryError(Text("code") ?? "", Text("message") ?? "", Text("detail"));
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
