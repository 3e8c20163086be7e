namespace RegDiag.Lab.S3.Store;

/// <summary>A multipart upload in progress; parts are replaced when uploaded again under the same number.</summary>
internal sealed class MultipartUpload(string id, string key, string contentType, DateTimeOffset initiated)
{
    public string Id { get; } = id;
    public string Key { get; } = key;
    public string ContentType { get; } = contentType;
    public DateTimeOffset Initiated { get; } = initiated;
    public SortedDictionary<int, StoredPart> Parts { get; } = [];
}
