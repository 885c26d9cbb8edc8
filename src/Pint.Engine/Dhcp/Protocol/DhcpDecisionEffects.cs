using Pint.Engine.Dhcp.Leases;

namespace Pint.Engine.Dhcp.Protocol;

/// <summary>
/// Carries out the state changes of a <see cref="DhcpDecision"/>: commits the lease durably (the reply may only go
/// out if this succeeds), ends released and declined leases, and tells DNS about names that come and go.
/// </summary>
public static class DhcpDecisionEffects
{
    /// <summary>Applies the decision; returns false when the reply must not be sent (the lease could not be stored).</summary>
    /// <param name="continueOnWriter">Whether what follows a lease commit may run on the store's disk writer (see <see cref="LeaseStore.CommitAsync"/>).</param>
    public static async ValueTask<bool> ApplyAsync(DhcpDecision decision, LeaseStore leases, ILeaseNameSink? names, string? domain, bool continueOnWriter = false)
    {
        HoldOffer(decision, leases);
        if (decision.LeaseToCommit is { } lease)
        {
            var previous = leases.FindByAddress(lease.Address);
            try
            {
                await leases.CommitAsync(lease, continueOnWriter).ConfigureAwait(false);
            }
            catch (LeaseStoreWriteException)
            {
                return false;
            }
            if (names is not null)
            {
                if (previous?.HostName is { } oldName && oldName != lease.HostName) names.Remove(Qualify(oldName, domain));
                if (lease.HostName is { } name) names.Add(Qualify(name, domain), lease.Address);
            }
        }
        if (decision.AddressToRelease is { } released)
            RemoveName(await leases.ReleaseAsync(released).ConfigureAwait(false), names, domain);
        if (decision.AddressToDecline is { } declined)
            RemoveName(await leases.DeclineAsync(declined, decision.DeclinedUntil).ConfigureAwait(false), names, domain);
        return true;
    }

    /// <summary>
    /// Holds the decision's offered address, if any. The server calls this at once, under the lock its decisions take,
    /// so that the next decision (even while this offer waits for a ping probe) sees the hold; holding twice is harmless.
    /// </summary>
    public static void HoldOffer(DhcpDecision decision, LeaseStore leases)
    {
        if (decision.OfferToHold is { } offer) leases.HoldOffer(offer);
    }

    /// <summary>The name DNS should answer for: the lease's host name qualified with the domain.</summary>
    public static string Qualify(string hostName, string? domain) => domain is null ? hostName : $"{hostName}.{domain}";

    private static void RemoveName(DhcpLease? ended, ILeaseNameSink? names, string? domain)
    {
        if (ended?.HostName is { } name) names?.Remove(Qualify(name, domain));
    }
}
