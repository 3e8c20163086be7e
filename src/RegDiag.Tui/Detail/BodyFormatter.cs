using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Detail;

/// <summary>
/// Turns a captured body into something to read: JSON indented with its tokens hidden, XML indented, other
/// text as is. What the body means (the token's claims included) is the decoder's job, shown apart.
/// </summary>
internal static class BodyFormatter
{
    private static readonly string[] TokenProperties = ["token", "access_token", "refresh_token", "id_token"];

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(BodyRecord body, string indent)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Text == null)
        {
            return body.Size == 0 ? $"{indent}(empty)" : $"{indent}({body.Size} bytes, binary, not kept)";
        }
        var text = body.Text;
        var formatted = TryJson(text, indent) ?? TryXml(text, indent) ?? Indent(text, indent);
        return body.TextTruncated ? formatted + $"\n{indent}… (only the first {BodyRecord.TextLimit / 1024} KiB are kept)" : formatted;
    }

    private static string? TryJson(string text, string indent)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return null;
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
        if (node is JsonObject obj)
        {
            foreach (var name in TokenProperties)
            {
                if (obj[name] is JsonValue value && value.TryGetValue<string>(out var token))
                {
                    obj[name] = $"<hidden, {token.Length} characters>";
                }
            }
        }
        return Indent(node?.ToJsonString(Indented) ?? "null", indent);
    }

    private static string? TryXml(string text, string indent)
    {
        if (!text.TrimStart().StartsWith('<'))
        {
            return null;
        }
        try
        {
            return Indent(XDocument.Parse(text.Trim()).Root!.ToString(), indent);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string Indent(string text, string indent) =>
        string.Join('\n', text.ReplaceLineEndings("\n").TrimEnd().Split('\n').Select(l => indent + l));
}
