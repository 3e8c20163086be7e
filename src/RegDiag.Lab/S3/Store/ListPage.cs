namespace RegDiag.Lab.S3.Store;

/// <summary>One page of a listing; <see cref="NextMarker"/> is the last entry returned when truncated.</summary>
internal sealed record ListPage(IReadOnlyList<ListedEntry> Entries, bool IsTruncated, string? NextMarker);
