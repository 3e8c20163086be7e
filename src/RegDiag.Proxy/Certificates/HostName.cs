using System.Net;

namespace RegDiag.Proxy.Certificates;

/// <summary>Host name checks shared by the CA (name constraints) and leaf minting (SANs).</summary>
internal static class HostName
{
    /// <summary>LDH labels separated by dots (underscores tolerated, as registries' S3 buckets use them).</summary>
    public static bool IsValidDnsName(string host)
    {
        if (host.Length is 0 or > 253 || IPAddress.TryParse(host, out _))
        {
            return false;
        }
        foreach (var label in host.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*'))
            {
                return false;
            }
        }
        return true;
    }
}
