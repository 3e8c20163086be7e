namespace RegDiag.Lab.Storage;

/// <summary>An upload in progress (distribution's FileWriter): append, then commit or cancel.</summary>
internal interface IStorageWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far, including those from earlier writers on the same path.</summary>
    long Size { get; }

    /// <summary>Appends the whole stream.</summary>
    Task WriteAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Makes what was written durable and readable at the path.</summary>
    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Discards what was written.</summary>
    Task CancelAsync(CancellationToken cancellationToken);
}
