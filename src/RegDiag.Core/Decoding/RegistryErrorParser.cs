using System.Text.Json;
using System.Text.RegularExpressions;

namespace RegDiag.Core.Decoding;

/// <summary>
/// Reads a registry error body. Parsed as JSON when complete; bodies cut at 64 KiB or otherwise broken fall
/// back to pattern matching so a code is still found.
/// </summary>
internal static partial class RegistryErrorParser
{
    public static IReadOnlyList<RegistryError> Parse(string? body)
    {
        if (string.IsNullOrEmpty(body) || !body.Contains("\"errors\"", StringComparison.Ordinal))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var list = new List<RegistryError>();
                foreach (var error in errors.EnumerateArray())
                {
                    if (error.ValueKind != JsonValueKind.Object || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }
                    list.Add(new RegistryError(
                        code.GetString()!,
                        error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                        error.TryGetProperty("detail", out var d) ? Detail(d) : null));
                }
                return list;
            }
        }
        catch (JsonException)
        {
            // fall through to the patterns
        }
        return CodePattern().Matches(body).Select(m => new RegistryError(m.Groups[1].Value, null, null)).ToList();
    }

    private static string? Detail(JsonElement detail) => detail.ValueKind switch
    {
        JsonValueKind.String => detail.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => detail.GetRawText(),
    };

    [GeneratedRegex("\"code\"\\s*:\\s*\"([A-Z_]+)\"")]
    private static partial Regex CodePattern();
}
