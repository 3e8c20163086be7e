namespace RegDiag.Lab;

/// <summary>Where the lab registry stores blobs (`--storage fs|s3`).</summary>
public enum LabStorageKind
{
    Filesystem,
    S3,
}
