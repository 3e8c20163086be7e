namespace RegDiag.Lab.S3.Auth;

/// <summary>The Credential element of a SigV4 signature: AKID/yyyyMMdd/region/service/aws4_request.</summary>
internal sealed record SigV4Credential(string AccessKey, string Date, string Region, string Service, string Terminator)
{
    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    public static SigV4Credential? TryParse(string value)
    {
        var parts = value.Split('/');
        return parts.Length == 5 && parts.All(p => p.Length > 0)
            ? new SigV4Credential(parts[0], parts[1], parts[2], parts[3], parts[4])
            : null;
    }
}
