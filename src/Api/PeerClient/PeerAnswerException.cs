namespace OrleansP2P.Api.PeerClient;

/// <summary>
/// What another peer answered is not what the contract allows; the message says which part and why, never quoting
/// the answer (it may be huge or hostile). <see cref="HttpPeerClient"/> turns it into an invalid-answer
/// <see cref="Grains.PeerCallException"/> that names the peer and the call.
/// </summary>
public sealed class PeerAnswerException(string message, Exception? inner = null) : Exception(message, inner);
