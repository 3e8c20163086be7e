using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RegDiag.Doctor.Api;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Auth;

/// <summary>
/// Gets a Bearer token the way the Docker client does: GET realm?service=…&amp;scope=… with Basic credentials
/// when given (anonymous otherwise). Shared by the auth check and the probe push client.
/// </summary>
public static class TokenClient
{
    public static Uri BuildUrl(AuthChallenge challenge, IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var query = new List<string>();
        if (!string.IsNullOrEmpty(challenge.Service))
        {
            query.Add("service=" + Uri.EscapeDataString(challenge.Service));
        }
        query.AddRange(scopes.Select(s => "scope=" + Uri.EscapeDataString(s)));
        var realm = challenge.Realm ?? throw new InvalidOperationException("the challenge has no realm");
        var separator = realm.Contains('?') ? "&" : "?";
        return new Uri(query.Count == 0 ? realm : realm + separator + string.Join("&", query));
    }

    public static async Task<TokenResult> GetAsync(
        HttpClient client, AuthChallenge challenge, IEnumerable<string> scopes, string? user, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var url = BuildUrl(challenge, scopes);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (user != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        var sent = DateTimeOffset.UtcNow;
        using var response = await client.SendAsync(request, cancellationToken);
        var received = DateTimeOffset.UtcNow;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? token = null;
        int? expiresIn = null;
        if (response.IsSuccessStatusCode)
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String)
                {
                    token = t.GetString();
                }
                else if (root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String)
                {
                    token = a.GetString();
                }
                if (root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds))
                {
                    expiresIn = seconds;
                }
            }
            catch (JsonException)
            {
            }
        }
        return new TokenResult(url, (int)response.StatusCode, token, expiresIn, body,
            ClockSample.FromResponse("token server Date header", response, sent, received));
    }
}
