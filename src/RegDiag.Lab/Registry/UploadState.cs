namespace RegDiag.Lab.Registry;

/// <summary>What the _state query parameter of an upload URL carries (distribution's blobUploadState).</summary>
internal sealed record UploadState(string Name, string Uuid, long Offset, DateTimeOffset StartedAt);
