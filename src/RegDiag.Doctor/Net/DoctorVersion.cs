using System.Reflection;

namespace RegDiag.Doctor.Net;

/// <summary>The tool's version, for the User-Agent and the report.</summary>
public static class DoctorVersion
{
    public static string Value { get; } =
        typeof(DoctorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
