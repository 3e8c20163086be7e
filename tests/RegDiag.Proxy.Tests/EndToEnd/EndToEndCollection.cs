namespace RegDiag.Proxy.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests share one built image and run one after another: each starts a lab, a proxy and
/// skopeo (and docker-registry), which on two shared cores is enough parallel work on its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<SharedImage>
{
    public const string Name = "end-to-end";
}
