namespace Pint.Engine.Tftp;

/// <summary>
/// A transfer under way as the listen loop knows it: the request that started it, whether its client has answered
/// on the transfer's port yet, and whether a newer request from the same client endpoint has taken over.
/// Shared by the listen loop and the transfer's thread.
/// </summary>
internal sealed class TftpRunningTransfer(TftpRequest request)
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _clientAnswered;
    private volatile bool _superseded;

    public TftpRequest Request { get; } = request;

    /// <summary>Completes when the transfer's thread has finished.</summary>
    public Task Ended => _ended.Task;

    public bool IsSuperseded => _superseded;

    /// <summary>
    /// Whether <paramref name="request"/>, from this transfer's client endpoint, is the RRQ that started it sent
    /// again because our first reply has not reached the client: the same request, and nothing heard from the client
    /// since. Anything else from that endpoint is a new download: a client that has answered us knows this transfer
    /// and asks again only for something new, and a new socket may get the port of one that just finished.
    /// </summary>
    public bool IsResentBy(TftpRequest request) => !_clientAnswered && request == Request;

    /// <summary>A datagram arrived from the client on the transfer's port: it has our reply.</summary>
    public void ClientAnswered()
    {
        if (!_clientAnswered) // read before write: once per transfer, not once per ACK, touches the shared line
            _clientAnswered = true;
    }

    /// <summary>The client endpoint asked for a new transfer: this one ends instead of retransmitting to it.</summary>
    public void Supersede() => _superseded = true;

    public void MarkEnded() => _ended.TrySetResult();
}
