using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using RegDiag.Core.Model;

namespace RegDiag.Tui.Detail;

/// <summary>
/// Turns a captured body into something to read: JSON indented (tokens in it replaced by their decoded
/// claims), an S3 XML error as its fields, other text as is.
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
        var formatted = TryJson(text, indent) ?? TryS3Error(text, indent) ?? Indent(text, indent);
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
        var claims = new StringBuilder();
        if (node is JsonObject obj)
        {
            foreach (var name in TokenProperties)
            {
                if (obj[name] is JsonValue value && value.TryGetValue<string>(out var token))
                {
                    obj[name] = "<hidden>";
                    var described = JwtClaims.Describe(token, indent);
                    claims.AppendLine().Append(indent).Append(name).Append(':').AppendLine().Append(described ?? $"{indent}  (opaque token, {token.Length} characters)");
                }
            }
        }
        return Indent(node?.ToJsonString(Indented) ?? "null", indent) + claims.ToString().TrimEnd();
    }

    /// <summary>S3 answers errors with &lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Message&gt;…&lt;/Message&gt;…&lt;/Error&gt;.</summary>
    private static string? TryS3Error(string text, string indent)
    {
        if (!text.TrimStart().StartsWith('<'))
        {
            return null;
        }
        XElement root;
        try
        {
            root = XElement.Parse(text.Trim());
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
        if (root.Name.LocalName != "Error")
        {
            return Indent(root.ToString(), indent);
        }
        var lines = new StringBuilder();
        lines.Append(indent).AppendLine("S3 error");
        foreach (var element in root.Elements())
        {
            lines.Append(indent).Append("  ").Append(element.Name.LocalName).Append(": ").AppendLine(element.Value);
        }
        return lines.ToString().TrimEnd();
    }

    private static string Indent(string text, string indent) =>
        string.Join('\n', text.ReplaceLineEndings("\n").TrimEnd().Split('\n').Select(l => indent + l));
}
