namespace RegDiag.Lab.S3.Store;

/// <summary>A listing entry: an object, or a common prefix (Object is null) when a delimiter groups keys.</summary>
internal sealed record ListedEntry(string Name, StoredObject? Object);
