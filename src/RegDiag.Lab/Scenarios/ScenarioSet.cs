namespace RegDiag.Lab.Scenarios;

/// <summary>The scenarios a running lab injects; validated against the catalogue, combinable.</summary>
public sealed class ScenarioSet
{
    private readonly HashSet<string> _names;

    public ScenarioSet(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (LabScenarios.Find(name) == null)
            {
                throw new ArgumentException(
                    $"unknown scenario '{name}' (known: {string.Join(", ", LabScenarios.All.Select(d => d.Name))})", nameof(names));
            }
            _names.Add(name);
        }
    }

    public static ScenarioSet None { get; } = new([]);

    public IReadOnlyCollection<string> Names => _names;

    public bool Has(string name) => _names.Contains(name);
}
