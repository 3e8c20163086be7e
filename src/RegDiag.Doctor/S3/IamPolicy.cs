using System.Text.Json;

namespace RegDiag.Doctor.S3;

/// <summary>The IAM policy statements that grant a set of missing actions on a bucket.</summary>
public static class IamPolicy
{
    public static string StatementsFor(string bucket, IEnumerable<S3Action> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var statements = missing
            .GroupBy(a => a.OnBucket)
            .OrderByDescending(g => g.Key)
            .Select(g => new
            {
                Effect = "Allow",
                Action = g.Select(a => a.IamAction).Distinct().OrderBy(a => a, StringComparer.Ordinal).ToArray(),
                Resource = g.Key ? $"arn:aws:s3:::{bucket}" : $"arn:aws:s3:::{bucket}/*",
            })
            .ToArray();
        return JsonSerializer.Serialize(new { Statement = statements });
    }
}
