using System.Text;

namespace Pint.Engine.Dhcp6.Protocol;

/// <summary>The Client FQDN option (RFC 4704, option 39) as dnsmasq 2.90 answers it, and the name parts it uses.</summary>
public static class Dhcp6Fqdn
{
    /// <summary>
    /// The option's value: the flags byte, the host name as one DNS label and, when <paramref name="domain"/> is known,
    /// the domain's labels and the root (a full name); without it the name is left partial (no root), as dnsmasq
    /// sends it in an ADVERTISE.
    /// </summary>
    public static byte[] Encode(byte flags, string hostName, string? domain)
    {
        var bytes = new List<byte> { flags };
        AddLabels(bytes, hostName);
        if (domain is not null && domain.Trim('.').Length > 0)
        {
            AddLabels(bytes, domain);
            bytes.Add(0);
        }
        return [.. bytes];
    }

    private static void AddLabels(List<byte> bytes, string name)
    {
        foreach (var label in name.Trim('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var data = Encoding.ASCII.GetBytes(label);
            var length = Math.Min(data.Length, 63);
            bytes.Add((byte)length);
            bytes.AddRange(data.AsSpan(0, length).ToArray());
        }
    }

    /// <summary>"laptop" of "laptop.lab.test" (a dhcp-host name's host part, which the lease records).</summary>
    public static string HostPart(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name[..dot];
    }

    /// <summary>"lab.test" of "laptop.lab.test"; null for a bare name.</summary>
    public static string? DomainPart(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 || dot == name.Length - 1 ? null : name[(dot + 1)..].TrimEnd('.');
    }
}
