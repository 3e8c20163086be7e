namespace RegDiag.Lab.Storage;

/// <summary>
/// A storage backend failure other than a missing path (the S3 driver's "s3aws: AccessDenied: …"); the
/// registry turns it into 500 UNKNOWN with the message as detail, as distribution does.
/// </summary>
internal class StorageException(string message, Exception? inner = null) : Exception(message, inner);
