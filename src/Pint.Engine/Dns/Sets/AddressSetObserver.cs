using Pint.Engine.Config;

namespace Pint.Engine.Dns.Sets;

/// <summary>
/// ipset= and nftset= on the DNS path: sees every reply that came from upstream (<see cref="DnsResponder.CompleteForward"/>)
/// and hands the addresses of matching names to the background <see cref="AddressSetWriter"/>. As dnsmasq 2.90
/// (observed): only forwarded answers count; answers from the cache, hosts files, host-record or address= add
/// nothing. A name outside the rules costs one domain lookup and no allocation.
/// </summary>
public sealed class AddressSetObserver
{
    private readonly ISetCommands _commands;
    private volatile AddressSetRules? _rules;
    private Action<string>? _log;
    private AddressSetWriter? _writer;
    private int _faultReported;

    public AddressSetObserver(DnsServerOptions options) : this(options, ProcessSetCommands.Instance) { }

    internal AddressSetObserver(DnsServerOptions options, ISetCommands commands)
    {
        _commands = commands;
        Configure(options);
    }

    /// <summary>The writer, made with the first rules (none: no worker at all).</summary>
    internal AddressSetWriter? Writer => _writer;

    /// <summary>Takes a reloaded config's rules; the writer and what it learned about the sets stay.</summary>
    public void Configure(DnsServerOptions options)
    {
        _log = options.Log;
        var rules = new AddressSetRules(options.AddressSets);
        if (rules.IsEmpty) { _rules = null; return; }
        if (_writer is null) _writer = new AddressSetWriter(_commands, _log);
        else _writer.Log = _log;
        _rules = rules;
    }

    /// <summary>An accepted upstream <paramref name="reply"/> to <paramref name="query"/>. Never throws, never waits.</summary>
    public void Observe(in DnsQuery query, ReadOnlySpan<byte> reply)
    {
        var rules = _rules;
        if (rules is null || !rules.TryMatch(query.Name, out var ipsets, out var nftsets)) return;
        try
        {
            var addresses = AnswerAddresses.Extract(query.Name, reply);
            if (addresses.Count > 0) _writer?.TryEnqueue(ipsets, nftsets, addresses);
        }
        catch (Exception e) // a reply the reader did not expect must cost the sets, not the answer
        {
            if (Interlocked.Exchange(ref _faultReported, 1) == 0) _log?.Invoke($"ipset/nftset: cannot read an upstream answer: {e.Message}");
        }
    }
}
