using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using RegDiag.Core;
using RegDiag.Doctor.Checks;

namespace RegDiag.Doctor.S3;

/// <summary>
/// The registry's object store, with the registry's own settings and credentials: are the keys known and
/// the secret right (InvalidAccessKeyId vs SignatureDoesNotMatch), is the bucket where the config says,
/// and may the credentials call every S3 API the driver needs. Missing permissions come back as the IAM
/// policy statement to add.
/// </summary>
internal sealed class S3Check : IDoctorCheck
{
    public string Id => CheckIds.S3;
    public string Title => "S3 storage";
    public TimeSpan Timeout => TimeSpan.FromSeconds(30);
    public IReadOnlyList<string> DependsOn => [];
    public bool NeedsHost => false;

    public async Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        if (options.RegistryConfigPath == null && options.S3Overrides == null)
        {
            return CheckOutcome.Skip("no --registry-config or --s3-bucket given");
        }
        var fromFile = options.RegistryConfigPath == null ? null : RegistryConfig.ReadS3(options.RegistryConfigPath);
        if (fromFile == null && options.S3Overrides == null)
        {
            return CheckOutcome.Skip($"{options.RegistryConfigPath} has no storage.s3 section: the registry does not use S3");
        }
        var settings = (fromFile ?? new S3Settings()).With(options.S3Overrides);
        if (settings.Bucket == null)
        {
            throw new InputException("S3 settings without a bucket: give storage.s3.bucket in --registry-config or --s3-bucket");
        }
        if ((settings.AccessKey == null) != (settings.SecretKey == null))
        {
            throw new InputException("S3 settings need both accesskey and secretkey (or neither, to use the instance's IAM role)");
        }
        if (settings.RegionEndpoint != null && settings.EndpointUri == null)
        {
            throw new InputException($"regionendpoint '{settings.RegionEndpoint}' is not a URL");
        }

        var evidence = new List<string>
        {
            $"bucket: {settings.Bucket}; region: {settings.Region ?? "(not set)"}; endpoint: {settings.EndpointUri?.ToString() ?? "AWS"}; rootdirectory: {settings.RootDirectory ?? "/"}",
            $"access key: {(settings.AccessKey == null ? "(none: instance role or environment)" : Mask(settings.AccessKey))}; secure: {settings.Secure?.ToString() ?? "default"}; v4auth: {settings.V4Auth?.ToString() ?? "default"}; encrypt: {settings.Encrypt?.ToString() ?? "false"}",
        };
        var warnings = new List<string>();
        if (settings.V4Auth == false)
        {
            warnings.Add("v4auth: false asks for signature version 2, which AWS no longer accepts in most regions");
        }

        var factory = new S3HttpClientFactory(context.Trust);
        using var client = CreateClient(settings, factory);

        // 1. Credentials and bucket: GetBucketLocation is the first call the registry's driver needs too.
        string? location = null;
        try
        {
            var response = await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = settings.Bucket }, cancellationToken);
            location = string.IsNullOrEmpty(response.Location?.Value) ? "us-east-1" : response.Location.Value;
            evidence.Add($"GetBucketLocation: {location}");
        }
        catch (AmazonS3Exception e)
        {
            context.Publish(new S3Facts(factory.Clock));
            evidence.Add($"GetBucketLocation: {(int)e.StatusCode} {e.ErrorCode}: {e.Message}");
            var verdict = CredentialFailure(e, settings);
            if (verdict != null)
            {
                return verdict with { Evidence = evidence };
            }
            if (e.ErrorCode != "AccessDenied")
            {
                return CheckOutcome.Fail($"the object store answers {e.ErrorCode}: {e.Message}", "check the storage.s3 settings", evidence);
            }
            warnings.Add("s3:GetBucketLocation is denied (the driver calls it at start on AWS)");
        }
        catch (Exception e) when (e is HttpRequestException or AmazonClientException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Fail($"the object store at {settings.EndpointUri?.ToString() ?? "AWS"} is unreachable: {e.Message}",
                "check regionendpoint, secure (http vs https), DNS and the firewall from the registry host", evidence);
        }
        context.Publish(new S3Facts(factory.Clock));
        if (location != null && settings.Region != null && !location.Equals(settings.Region, StringComparison.OrdinalIgnoreCase))
        {
            var finding = $"the bucket is in {location}, the config says region {settings.Region}: the driver gets AuthorizationHeaderMalformed or PermanentRedirect (clients see 500 UNKNOWN)";
            if (settings.EndpointUri == null)
            {
                return CheckOutcome.Fail(finding, $"set storage.s3.region: {location}", evidence);
            }
            warnings.Add($"bucket location {location} differs from region {settings.Region}");
        }

        // 2. Every action the driver needs, on a probe key it cleans up.
        var probe = new S3PermissionProbe(client, settings.Bucket, settings.KeyPrefix, settings.Encrypt == true);
        evidence.Add($"probe key: {probe.ProbeKey}");
        var results = await probe.RunAsync(cancellationToken);
        evidence.AddRange(results.Select(r => r.Allowed
            ? $"{r.Action.Operation} ({r.Action.IamAction}): allowed"
            : $"{r.Action.Operation} ({r.Action.IamAction}): {r.ErrorCode}{(r.Message == null ? "" : $": {r.Message}")}"));
        evidence.AddRange(probe.Leftovers.Select(l => $"left behind (delete it by hand): {l}"));

        var skewed = results.FirstOrDefault(r => r.ErrorCode == "RequestTimeTooSkewed");
        if (skewed != null)
        {
            return CheckOutcome.Fail("the object store refuses this machine's requests as RequestTimeTooSkewed: this clock is more than 15 minutes off",
                "synchronise this machine's clock (NTP) and run again; see the clock check", evidence);
        }
        var denied = results.Where(r => r.Denied).Select(r => r.Action).ToList();
        var allowedIam = results.Where(r => r.Allowed).Select(r => r.Action.IamAction).ToHashSet();
        var missing = denied.Where(a => !allowedIam.Contains(a.IamAction)).DistinctBy(a => a.IamAction).ToList();
        if (missing.Count > 0)
        {
            var policy = IamPolicy.StatementsFor(settings.Bucket, missing);
            evidence.Add($"missing policy: {policy}");
            var why = string.Join("; ", missing.Select(a => $"{a.IamAction} ({a.UsedFor})"));
            var headHint = missing.Any(a => a.IamAction == "s3:GetObject")
                ? ": redirected blob HEAD/GET get 403 from S3 (docker: \"error parsing HTTP 403 response body: unexpected end of JSON input\")"
                : "";
            var untested = results.Where(r => r.ErrorCode == "NotTested").Select(r => r.Action.Operation).ToList();
            var note = untested.Count == 0 ? "" : $" ({string.Join(" and ", untested)} could not be tried without an upload: run again after the fix)";
            return CheckOutcome.Fail($"the registry's credentials lack {why}{headHint}{note}",
                $"add to the IAM policy of the registry's user or role: {policy}", evidence);
        }
        var other = results.FirstOrDefault(r => !r.Allowed && r.ErrorCode != "NotTested");
        if (other != null)
        {
            return CheckOutcome.Fail($"{other.Action.Operation} fails with {other.ErrorCode}: {other.Message}",
                "check the object store's log; an S3-compatible store may not implement this call", evidence);
        }
        if (warnings.Count > 0)
        {
            return CheckOutcome.Warn(warnings[0], "see the evidence", evidence);
        }
        return CheckOutcome.Pass($"credentials valid, bucket {settings.Bucket} in {location ?? settings.Region}, all {results.Count} S3 actions the registry needs are allowed (probe cleaned up)", evidence);
    }

    private static CheckOutcome? CredentialFailure(AmazonS3Exception e, S3Settings settings) => e.ErrorCode switch
    {
        "InvalidAccessKeyId" => CheckOutcome.Fail(
            $"the access key {Mask(settings.AccessKey)} is unknown to the object store (InvalidAccessKeyId)",
            "the key was deleted, mistyped, or belongs to another endpoint/account: set storage.s3.accesskey to an active key, or omit both keys to use the instance's IAM role"),
        "SignatureDoesNotMatch" => CheckOutcome.Fail(
            "the access key exists but the secret key is wrong (SignatureDoesNotMatch)",
            "set storage.s3.secretkey to the key's secret; if it is right, something between the registry and S3 rewrites requests (a proxy, a CDN, redirectendpoint without forcepathstyle)"),
        "NoSuchBucket" => CheckOutcome.Fail(
            $"the bucket {settings.Bucket} does not exist there (NoSuchBucket): the registry fails its storage health check and answers 503",
            "fix storage.s3.bucket (or create the bucket) and check the endpoint/account"),
        "AuthorizationHeaderMalformed" => CheckOutcome.Fail(
            $"wrong region: {e.Message}",
            "set storage.s3.region to the bucket's region"),
        "PermanentRedirect" => CheckOutcome.Fail(
            $"the bucket must be addressed through another endpoint (PermanentRedirect): {e.Message}",
            "set storage.s3.region (and regionendpoint) to the bucket's; non-AWS endpoints need forcepathstyle"),
        "RequestTimeTooSkewed" => CheckOutcome.Fail(
            "the object store says this machine's clock is more than 15 minutes off (RequestTimeTooSkewed)",
            "synchronise the clock (NTP); the registry host needs the same"),
        "InvalidBucketName" => CheckOutcome.Fail($"invalid bucket name {settings.Bucket}", "fix storage.s3.bucket"),
        _ => null,
    };

    private static AmazonS3Client CreateClient(S3Settings settings, S3HttpClientFactory factory)
    {
        var config = new AmazonS3Config
        {
            HttpClientFactory = factory,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(10),
            // The registry's driver does not correct for skew; neither do we, so a skewed clock shows.
            DisableClockSkewCorrection = true,
            // Trailing checksums (aws-chunked) are newer than many S3-compatible stores; the registry does not send them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.EndpointUri is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = settings.ForcePathStyle ?? true;
            config.AuthenticationRegion = settings.Region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region ?? "us-east-1");
            config.ForcePathStyle = settings.ForcePathStyle ?? false;
        }
        return settings.AccessKey == null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    /// <summary>Access key ids are not secret but are shortened anyway; secrets never appear.</summary>
    private static string Mask(string? key) => key == null ? "" : key.Length <= 8 ? key[..Math.Min(4, key.Length)] + "…" : key[..4] + "…" + key[^4..];
}
