namespace RegDiag.Proxy.Transport;

/// <summary>
/// What a TLS session runs on, seen from <see cref="BatchedTlsStream"/>: it can hold the records of one write
/// and send them together, and it says how much ciphertext has arrived that the session has not read yet.
/// </summary>
internal interface IRecordTransport
{
    /// <summary>While set, writes are held until <see cref="SendBatchAsync"/>; otherwise (the handshake) they go out at once.</summary>
    bool Batching { get; set; }

    ValueTask SendBatchAsync(CancellationToken cancellationToken);

    /// <summary>Bytes received and not yet read.</summary>
    long BufferedInput { get; }
}
