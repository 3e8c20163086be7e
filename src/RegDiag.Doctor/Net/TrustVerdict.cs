namespace RegDiag.Doctor.Net;

/// <summary>The result of <see cref="CertificateTrust.Evaluate"/>.</summary>
public sealed record TrustVerdict(bool Trusted, bool TrustedByCaFile, bool NameMismatch, IReadOnlyList<string> Problems);
