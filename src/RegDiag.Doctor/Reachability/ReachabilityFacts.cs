using System.Net;

namespace RegDiag.Doctor.Reachability;

/// <summary>Published by the reachability check: the addresses that accept connections and the protocol spoken.</summary>
public sealed record ReachabilityFacts(IReadOnlyList<IPAddress> Connectable, bool SpeaksTls);
