namespace RegDiag.Core.Correlation;

/// <summary>One blob upload: POST -> PATCH* -> PUT ?digest=, tied together by the upload id in Location.</summary>
public sealed class UploadSession
{
    internal UploadSession(string id, string? repository) => (Id, Repository) = (id, repository);

    public string Id { get; }

    public string? Repository { get; }

    /// <summary>The exchanges in order: start, chunks, status checks, completion or cancel.</summary>
    public List<int> Exchanges { get; } = [];

    /// <summary>The digest the completing PUT (or monolithic POST) declared.</summary>
    public string? Digest { get; internal set; }

    /// <summary>Body bytes sent in the session's PATCH and PUT requests.</summary>
    public long BytesSent { get; internal set; }

    public UploadOutcome Outcome { get; internal set; } = UploadOutcome.Open;
}
