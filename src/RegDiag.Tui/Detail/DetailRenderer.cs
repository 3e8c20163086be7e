using System.Globalization;
using System.Text;
using RegDiag.Core.Analysis;
using RegDiag.Core.Decoding;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;
using RegDiag.Tui.Flows;
using RegDiag.Tui.Views;

namespace RegDiag.Tui.Detail;

/// <summary>
/// The detail pane's text for one flow: the diagnoses that cite it first (what the user came for), what the
/// decoder read in it, then request and response with headers and formatted bodies, body sizes and hashes,
/// timings and the redirect chain. Credentials in headers are shown as what they carry, never as themselves.
/// </summary>
internal static class DetailRenderer
{
    public static string Render(Flow flow, AnalysisResult? analysis)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var exchange = flow.Exchange;
        var text = new StringBuilder();
        // Signatures and credentials in URLs (presigned S3 links) stay off the screen too: screenshots get shared.
        text.Append('#').Append(exchange.Id).Append(' ').Append(exchange.Request.Method).Append(' ').Append(Redactor.Default.RedactUrl(exchange.Request.Url));
        text.Append(' ').AppendLine(exchange.Request.HttpVersion);
        text.Append("  ").Append(Outcome(exchange)).Append("  in ").AppendLine(FlowFormat.Duration(exchange.Timings.DurationMs));
        text.Append("  ").Append(flow.Kind.ToString().ToLowerInvariant()).Append(" · ").Append(flow.Operation);
        if (flow.Repository != null)
        {
            text.Append(" · repo ").Append(flow.Repository);
        }
        if (flow.Classification.Registry?.Reference is { } reference && reference != flow.Digest)
        {
            text.Append(" · ").Append(reference);
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

        AppendDiagnoses(text, flow);
        if (exchange.Error != null)
        {
            text.AppendLine();
            text.Append("TRANSPORT ERROR ").Append(exchange.Error.Kind).Append(": ").AppendLine(exchange.Error.Message);
        }
        AppendDecoded(text, flow.Classification);

        text.AppendLine();
        text.AppendLine("REQUEST HEADERS");
        AppendHeaders(text, exchange.Request.Headers, flow.Classification.Bearer);
        AppendBody(text, "REQUEST BODY", exchange.Request.Body);
        if (exchange.Response is { } response)
        {
            text.AppendLine();
            text.Append("RESPONSE HEADERS  ").Append(response.HttpVersion).Append(' ').Append(response.Status);
            text.Append(' ').AppendLine(response.Reason ?? "");
            AppendHeaders(text, response.Headers, null);
            AppendBody(text, "RESPONSE BODY", response.Body);
        }

        text.AppendLine();
        text.AppendLine("TIMINGS");
        var timings = exchange.Timings;
        text.Append("  started      ").AppendLine(timings.Started.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture));
        text.Append("  request sent ").AppendLine(Ms(timings.RequestSentMs));
        text.Append("  first byte   ").AppendLine(Ms(timings.FirstResponseByteMs));
        text.Append("  end          ").AppendLine(Ms(timings.EndMs));
        AppendLinks(text, flow, analysis);
        return text.ToString();
    }

    private static void AppendDiagnoses(StringBuilder text, Flow flow)
    {
        foreach (var diagnosis in flow.Diagnoses)
        {
            text.AppendLine();
            text.Append("DIAGNOSIS ").Append(diagnosis.Severity.ToString().ToUpperInvariant()).Append(": ").AppendLine(diagnosis.Title);
            text.Append("  cause: ").AppendLine(diagnosis.Cause);
            text.Append("  fix:   ").AppendLine(diagnosis.Fix);
            if (diagnosis.Docs != null)
            {
                text.Append("  docs:  ").AppendLine(diagnosis.Docs);
            }
            foreach (var wording in diagnosis.Clients)
            {
                text.Append("  ").Append(wording.Client).Append(" prints: ").AppendLine(wording.Says);
            }
            foreach (var evidence in diagnosis.Evidence.Where(e => e.Exchange == flow.Id))
            {
                foreach (var line in evidence.Headers.Concat(evidence.Notes))
                {
                    text.Append("  evidence: ").AppendLine(line);
                }
            }
            if (diagnosis.Count > 1)
            {
                text.Append("  seen in ").Append(diagnosis.Count).AppendLine(" exchanges");
            }
        }
    }

    private static void AppendDecoded(StringBuilder text, Classification c)
    {
        var lines = new List<string>();
        lines.AddRange(c.Errors.Select(e => $"registry error {e.Code}: {e.Message}{(e.Detail is { } d ? $" ({d})" : "")}"));
        if (c.StorageError is { } storage)
        {
            var line = new StringBuilder("storage error ").Append(storage.Code ?? "(no code)");
            if (storage.Message != null)
            {
                line.Append(": ").Append(storage.Message);
            }
            if (storage.RequestId != null)
            {
                line.Append(" · request id ").Append(storage.RequestId);
            }
            if (storage.ServerTime is { } serverTime)
            {
                line.Append(" · server time ").Append(serverTime.ToString("u", CultureInfo.InvariantCulture));
            }
            lines.Add(line.ToString());
        }
        if (c.Challenge is { } challenge)
        {
            lines.Add($"challenge {challenge.Scheme} realm={challenge.Realm} service={challenge.Service} scope={challenge.Scope}"
                + (challenge.Error != null ? $" error={challenge.Error}" : ""));
        }
        if (c.Storage is { } target)
        {
            var line = $"storage {target.Provider} bucket {target.Bucket} key {target.Key} · auth {target.Auth}";
            if (target.SignedAt is { } signed)
            {
                line += $" · signed {signed.ToString("u", CultureInfo.InvariantCulture)} by {target.AccessKey} for {target.SignedRegion}";
            }
            if (target.ExpiresAt is { } expires)
            {
                line += $" · expires {expires.ToString("u", CultureInfo.InvariantCulture)}";
            }
            lines.Add(line);
        }
        if (c.Token is { } token)
        {
            lines.Add($"token request service={token.Service} scopes={string.Join(' ', token.Scopes)}{(token.Account != null ? $" account={token.Account}" : "")}");
            if (token.Issued is { } issued)
            {
                lines.Add("issued token:\n" + JwtText.Describe(issued, "    "));
            }
        }
        if (c.Bearer is { } bearer)
        {
            lines.Add("presented token:\n" + JwtText.Describe(bearer, "    "));
        }
        if (lines.Count == 0)
        {
            return;
        }
        text.AppendLine();
        text.AppendLine("DECODED");
        foreach (var line in lines)
        {
            text.Append("  ").AppendLine(line);
        }
    }

    private static void AppendLinks(StringBuilder text, Flow flow, AnalysisResult? analysis)
    {
        if (analysis == null || flow.Analyzed is not { } analysed)
        {
            return;
        }
        var exchanges = analysis.Exchanges;
        var chain = new List<int> { analysed.Index };
        for (var i = analysed.RedirectedFrom; i is { } from && chain.Count < 20; i = exchanges[from].RedirectedFrom)
        {
            chain.Insert(0, from);
        }
        for (var i = analysed.RedirectedTo; i is { } to && chain.Count < 20; i = exchanges[to].RedirectedTo)
        {
            chain.Add(to);
        }
        if (chain.Count > 1)
        {
            text.AppendLine();
            text.AppendLine("REDIRECT CHAIN");
            foreach (var index in chain)
            {
                text.Append(index == analysed.Index ? "  > " : "    ").AppendLine(Summary(exchanges[index].Exchange));
            }
        }
        var related = new List<string>();
        if (analysed.TokenFor is { } challenged)
        {
            related.Add("token fetched for " + Summary(exchanges[challenged].Exchange));
        }
        if (analysed.AuthRetryOf is { } original)
        {
            related.Add("retry with a token of " + Summary(exchanges[original].Exchange));
        }
        if (analysed.RetryOf is { } retried)
        {
            related.Add("repeats " + Summary(exchanges[retried].Exchange));
        }
        if (analysed.ServedRequest is { } served)
        {
            related.Add("registry storage call serving " + Summary(exchanges[served].Exchange));
        }
        related.AddRange(analysed.StorageCalls.Select(i => "storage call " + Summary(exchanges[i].Exchange)));
        if (related.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("RELATED");
            foreach (var line in related)
            {
                text.Append("  ").AppendLine(line);
            }
        }
    }

    private static string Summary(Exchange exchange)
    {
        var uri = Uri.TryCreate(exchange.Request.Url, UriKind.Absolute, out var parsed) ? parsed : null;
        var path = uri?.AbsolutePath ?? exchange.Request.Url;
        if (path.Length > 60)
        {
            path = path[..28] + "…" + path[^28..];
        }
        return $"#{exchange.Id} {exchange.Request.Method} {uri?.Authority}{path} -> {Outcome(exchange)}";
    }

    private static string Outcome(Exchange exchange) =>
        exchange.Response is { } response ? $"{response.Status} {response.Reason}".TrimEnd()
        : exchange.Error is { } error ? $"failed: {error.Kind}"
        : "no response";

    private static string Ms(double? value) =>
        value is { } ms ? string.Create(CultureInfo.InvariantCulture, $"+{ms:0.0} ms") : "-";

    private static void AppendHeaders(StringBuilder text, IReadOnlyList<Header> headers, JwtInfo? bearer)
    {
        if (headers.Count == 0)
        {
            text.AppendLine("  (none)");
        }
        foreach (var header in headers)
        {
            text.Append("  ").Append(header.Name).Append(": ").AppendLine(HeaderValue(header, bearer));
        }
    }

    /// <summary>Credentials are shown as what they carry, never as themselves.</summary>
    private static string HeaderValue(Header header, JwtInfo? bearer)
    {
        if (!header.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
            && !header.Name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
        {
            return header.Value;
        }
        var space = header.Value.IndexOf(' ');
        var scheme = space < 0 ? header.Value : header.Value[..space];
        var credentials = space < 0 ? "" : header.Value[(space + 1)..];
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return bearer != null ? $"Bearer <hidden> {bearer.Marker} (claims under DECODED)" : "Bearer <hidden>";
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
