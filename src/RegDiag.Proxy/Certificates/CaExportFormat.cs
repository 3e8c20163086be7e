namespace RegDiag.Proxy.Certificates;

/// <summary>Formats `regdiag ca export` writes; all carry the certificate only, never the key.</summary>
public enum CaExportFormat
{
    Pem,
    Der,
    P12,
}
