using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RegDiag.Core.Har;

/// <summary>
/// Reads one HAR value at the reader's current token the lenient way exporters need: a string field may be
/// written as a number, a number as a string; null, and values of the wrong shape, count as absent.
/// </summary>
internal static class HarJsonValues
{
    /// <summary>A string (a number's text as written, as some exporters quote nothing), or null; skips anything else.</summary>
    public static string? String(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary><see cref="String"/>, shared through <paramref name="pool"/> without a copy when already pooled.</summary>
    public static string? Pooled(ref Utf8JsonReader reader, StringPool pool)
    {
        // Invalid UTF-8 takes the GetString path, which rejects it as before.
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Utf8.IsValid(reader.ValueSpan))
        {
            return pool.Intern(reader.ValueSpan);
        }
        return String(ref reader) is { } text ? pool.Intern(text) : null;
    }

    /// <summary>A number, also when an exporter wrote it as a string; null for anything else.</summary>
    public static double? Number(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // Like JsonElement.GetDouble: a number beyond double's range is a FormatException (a bad entry).
                return reader.GetDouble();
            case JsonTokenType.String:
                return double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>True for JSON true; anything else is false (and skipped).</summary>
    public static bool True(ref Utf8JsonReader reader)
    {
        var value = reader.TokenType == JsonTokenType.True;
        reader.Skip();
        return value;
    }

    /// <summary>Moves onto the value of the property just read.</summary>
    public static void Value(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("unexpected end of the entry");
        }
    }
}
