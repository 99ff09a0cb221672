namespace OrleansP2P.Swarm.Holders;

/// <summary>A holder answered something the contract does not allow (a wrong status, range or length).</summary>
internal sealed class HolderException(string message) : Exception(message);
