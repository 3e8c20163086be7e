namespace RegDiag.Lab.Storage;

internal sealed class PathNotFoundException(string path, string driverName)
    : Exception($"{driverName}: Path not found: {path}")
{
    public string Path { get; } = path;
}
