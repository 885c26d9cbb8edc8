namespace Pint.Engine.Dns.Dnssec;

/// <summary>Wire-format names as DNSSEC compares them: lower case, and in the canonical order of RFC 4034 6.1.</summary>
public static class CanonicalName
{
    public static byte[] Lower(ReadOnlySpan<byte> wire)
    {
        var copy = wire.ToArray();
        for (int i = 0; i < copy.Length; i++) copy[i] = DnsName.Lower(copy[i]);
        return copy;
    }

    /// <summary>The labels, leftmost first (each without its length byte).</summary>
    public static List<byte[]> Labels(ReadOnlySpan<byte> wire)
    {
        var labels = new List<byte[]>();
        int i = 0;
        while (i < wire.Length && wire[i] != 0)
        {
            labels.Add(wire.Slice(i + 1, wire[i]).ToArray());
            i += wire[i] + 1;
        }
        return labels;
    }

    public static byte[] FromLabels(IEnumerable<byte[]> labels)
    {
        var bytes = new List<byte>();
        foreach (var label in labels)
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(label);
        }
        bytes.Add(0);
        return [.. bytes];
    }

    /// <summary>RFC 4034 6.1: compare label by label from the right, each as lower-case octets; an absent label sorts first.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var la = Labels(a);
        var lb = Labels(b);
        for (int i = 1; i <= Math.Min(la.Count, lb.Count); i++)
        {
            var x = la[^i];
            var y = lb[^i];
            for (int j = 0; j < Math.Min(x.Length, y.Length); j++)
            {
                int c = DnsName.Lower(x[j]).CompareTo(DnsName.Lower(y[j]));
                if (c != 0) return c;
            }
            if (x.Length != y.Length) return x.Length.CompareTo(y.Length);
        }
        return la.Count.CompareTo(lb.Count);
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or below it.</summary>
    public static bool IsAtOrBelow(ReadOnlySpan<byte> name, ReadOnlySpan<byte> zone)
    {
        if (zone.Length > name.Length) return false;
        // Walk name's label boundaries so a match is on whole labels.
        int i = 0;
        while (name.Length - i > zone.Length && name[i] != 0) i += name[i] + 1;
        return name.Length - i == zone.Length && DnsName.EqualsIgnoreCase(name[i..], zone);
    }

    /// <summary>The ancestor of <paramref name="name"/> (itself included) with <paramref name="labels"/> labels.</summary>
    public static byte[] Suffix(ReadOnlySpan<byte> name, int labels)
    {
        int drop = DnsName.LabelCount(name) - labels;
        int i = 0;
        for (; drop > 0; drop--) i += name[i] + 1;
        return name[i..].ToArray();
    }

    /// <summary>The longest name both are at or below.</summary>
    public static byte[] CommonAncestor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var la = Labels(Lower(a));
        var lb = Labels(Lower(b));
        int n = 0;
        while (n < la.Count && n < lb.Count && la[^(n + 1)].AsSpan().SequenceEqual(lb[^(n + 1)])) n++;
        return FromLabels(la.Skip(la.Count - n));
    }

    public static byte[] Wildcard(ReadOnlySpan<byte> parent)
    {
        var name = new byte[parent.Length + 2];
        name[0] = 1;
        name[1] = (byte)'*';
        parent.CopyTo(name.AsSpan(2));
        return name;
    }
}
