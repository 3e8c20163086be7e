using System.Globalization;
using System.Text;
using RegDiag.Core.Model;
using RegDiag.Tui.Flows;
using RegDiag.Tui.Views;

namespace RegDiag.Tui.Detail;

/// <summary>
/// The detail pane's text for one flow: the diagnoses that cite it first (what the user came for), then
/// request and response with headers and decoded bodies, body sizes and hashes, timings and the redirect
/// chain. Secrets in headers are replaced by what they say (JWT claims, Basic user name).
/// </summary>
internal static class DetailRenderer
{
    public static string Render(Flow flow, IReadOnlyList<Flow> flows)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var exchange = flow.Exchange;
        var text = new StringBuilder();
        text.Append(exchange.Request.Method).Append(' ').Append(exchange.Request.Url).Append(' ').AppendLine(exchange.Request.HttpVersion);
        text.Append("  ").Append(Outcome(exchange)).Append("  in ").AppendLine(FlowFormat.Duration(exchange.Timings.DurationMs));
        text.Append("  ").Append(flow.Kind.ToString().ToLowerInvariant());
        if (flow.Operation != null)
        {
            text.Append(" · ").Append(flow.Operation);
        }
        if (flow.Repository != null)
        {
            text.Append(" · repo ").Append(flow.Repository);
        }
        if (flow.Digest != null)
        {
            text.Append(" · ").Append(flow.Digest);
        }
        text.AppendLine();
        if (exchange.ClientAddress != null)
        {
            text.Append("  client ").Append(exchange.ClientAddress);
            if (exchange.ConnectionId != null)
            {
                text.Append(" (connection ").Append(exchange.ConnectionId).Append(')');
            }
            text.AppendLine();
        }

        foreach (var diagnosis in flow.Diagnoses)
        {
            text.AppendLine();
            text.Append("DIAGNOSIS (").Append(diagnosis.Severity).Append(") ").AppendLine(diagnosis.Headline);
            text.Append("  cause: ").AppendLine(diagnosis.Cause);
            text.Append("  fix:   ").AppendLine(diagnosis.Fix);
            foreach (var evidence in diagnosis.Evidence)
            {
                text.Append("  evidence: ").AppendLine(evidence);
            }
        }

        if (exchange.Error != null)
        {
            text.AppendLine();
            text.Append("TRANSPORT ERROR ").Append(exchange.Error.Kind).Append(": ").AppendLine(exchange.Error.Message);
        }

        text.AppendLine();
        text.AppendLine("REQUEST HEADERS");
        AppendHeaders(text, exchange.Request.Headers);
        AppendBody(text, "REQUEST BODY", exchange.Request.Body);

        if (exchange.Response is { } response)
        {
            text.AppendLine();
            text.Append("RESPONSE HEADERS  ").Append(response.HttpVersion).Append(' ').Append(response.Status);
            text.Append(' ').AppendLine(response.Reason ?? "");
            AppendHeaders(text, response.Headers);
            AppendBody(text, "RESPONSE BODY", response.Body);
        }

        text.AppendLine();
        text.AppendLine("TIMINGS");
        var timings = exchange.Timings;
        text.Append("  started          ").AppendLine(timings.Started.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture));
        text.Append("  request sent     ").AppendLine(Ms(timings.RequestSentMs));
        text.Append("  first byte       ").AppendLine(Ms(timings.FirstResponseByteMs));
        text.Append("  end              ").AppendLine(Ms(timings.EndMs));

        var chain = RedirectChain.Find(flow, flows);
        if (chain.Count > 1)
        {
            text.AppendLine();
            text.AppendLine("REDIRECT CHAIN");
            foreach (var hop in chain)
            {
                text.Append(ReferenceEquals(hop, flow) ? "  > " : "    ");
                text.Append('#').Append(hop.Id).Append(' ').Append(hop.Exchange.Request.Method).Append(' ');
                text.Append(FlowFormat.Host(hop).Trim()).Append(FlowFormat.ShortPath(hop)).Append(" -> ").AppendLine(Outcome(hop.Exchange));
            }
        }
        return text.ToString();
    }

    private static string Outcome(Exchange exchange) =>
        exchange.Response is { } response ? $"{response.Status} {response.Reason}".TrimEnd()
        : exchange.Error is { } error ? $"failed: {error.Kind}"
        : "no response";

    private static string Ms(double? value) =>
        value is { } ms ? string.Create(CultureInfo.InvariantCulture, $"+{ms:0.0} ms") : "-";

    private static void AppendHeaders(StringBuilder text, IReadOnlyList<Header> headers)
    {
        if (headers.Count == 0)
        {
            text.AppendLine("  (none)");
        }
        foreach (var header in headers)
        {
            text.Append("  ").Append(header.Name).Append(": ").AppendLine(HeaderValue(header));
        }
    }

    /// <summary>Credentials are shown as what they carry, never as themselves.</summary>
    private static string HeaderValue(Header header)
    {
        if (!header.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            && !header.Name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return header.Value;
        }
        var space = header.Value.IndexOf(' ');
        var scheme = space < 0 ? header.Value : header.Value[..space];
        var credentials = space < 0 ? "" : header.Value[(space + 1)..];
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && JwtClaims.Describe(credentials, "    ") is { } claims)
        {
            return $"Bearer <hidden>\n{claims}";
        }
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
                var colon = decoded.IndexOf(':');
                return $"Basic <hidden> (user {(colon < 0 ? decoded : decoded[..colon])})";
            }
            catch (FormatException)
            {
                return "Basic <hidden>";
            }
        }
        if (scheme.StartsWith("AWS4-", StringComparison.Ordinal))
        {
            // The credential scope (key id, date, region) is evidence for S3 errors; the signature is not.
            var signature = header.Value.IndexOf("Signature=", StringComparison.Ordinal);
            return signature < 0 ? header.Value : header.Value[..(signature + "Signature=".Length)] + "<hidden>";
        }
        return $"{scheme} <hidden>";
    }

    private static void AppendBody(StringBuilder text, string title, BodyRecord body)
    {
        if (body.Size == 0 && body.Text == null)
        {
            return;
        }
        text.AppendLine();
        text.Append(title).Append("  ").Append(FlowFormat.Size(body.Size));
        if (body.ContentType != null)
        {
            text.Append(" · ").Append(body.ContentType);
        }
        if (body.Sha256 != null)
        {
            text.Append(" · ").Append(body.Sha256);
        }
        text.AppendLine();
        text.AppendLine(BodyFormatter.Format(body, "  "));
    }
}
