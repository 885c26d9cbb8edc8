using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Xml;
using System.Xml.Linq;
using Pint.Engine.Config;

namespace Pint.Engine.Import;

/// <summary>
/// Reads the XML of Windows' <c>Export-DhcpServer -File x.xml [-Leases]</c> (versions 6.3 from Server 2012 R2 and
/// 10.0 from 2016 and later). Elements are matched by local name, since only the root carries a namespace, and
/// characters are not checked, since Windows' writer does not check them either. A malformed file or a missing
/// required element throws <see cref="ImportFormatException"/> naming the element and its line.
/// </summary>
public static class WindowsDhcpExportReader
{
    public static WindowsDhcpExport Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static WindowsDhcpExport Read(Stream stream, string fileName)
    {
        var settings = new XmlReaderSettings
        {
            CheckCharacters = false,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ImportFormatException(fileName, e.LineNumber, $"not well-formed XML: {e.Message}", e);
        }
        return new ExportElements(fileName).Export(document.Root!);
    }

    /// <summary>The element-by-element reading, with the file name for messages.</summary>
    private sealed class ExportElements(string file)
    {
        public WindowsDhcpExport Export(XElement root)
        {
            if (root.Name.LocalName != "DHCPServer")
                throw Error(root, $"the root element is <{root.Name.LocalName}>, expected <DHCPServer> (is this an Export-DhcpServer file?)");
            var major = Int(Required(root, "MajorVersion"));
            var minor = Int(Required(root, "MinorVersion"));
            var v4 = Child(root, "IPv4");
            var v6 = Child(root, "IPv6");
            return new WindowsDhcpExport(
                file, major, minor,
                v4 is null ? [] : Children(v4, "Classes", "Class").Select(Class).ToList(),
                v4 is null ? [] : Children(v4, "OptionDefinitions", "OptionDefinition").Select(OptionDefinition).ToList(),
                v4 is null ? [] : OptionValues(v4),
                v4 is null ? [] : Named(v4, "Policies", "Policy", "Name"),
                v4 is null ? null : Filters(v4),
                v4 is null ? [] : Children(v4, "Scopes", "Scope").Select(Scope).ToList(),
                v6 is null ? [] : Children(v6, "Scopes", "Scope").Select(Scope6).ToList())
            {
                IPv6OptionDefinitions = v6 is null ? [] : Children(v6, "OptionDefinitions", "OptionDefinition").Select(OptionDefinition).ToList(),
                IPv6ServerOptions = v6 is null ? [] : OptionValues(v6),
            };
        }

        /// <summary>
        /// An IPv6 scope. The lifetime elements are matched ignoring case: Windows' own names vary between
        /// PreferredLifetime and PreferredLifeTime (and ValidLifetime/ValidLifeTime).
        /// </summary>
        private WindowsDhcpScope6 Scope6(XElement e)
        {
            var prefixElement = Required(e, "Prefix");
            var prefixText = prefixElement.Value.Trim();
            var slash = prefixText.IndexOf('/');
            if (slash >= 0) prefixText = prefixText[..slash];
            if (!IPAddress.TryParse(prefixText, out var prefix) || prefix.AddressFamily != AddressFamily.InterNetworkV6)
                throw Error(prefixElement, $"<Prefix> '{prefixElement.Value.Trim()}' is not an IPv6 prefix (expected e.g. 2001:db8:10::)");
            return new WindowsDhcpScope6(
                prefix,
                Optional(e, "Name") ?? "",
                Child(e, "Preference") is { } p && p.Value.Trim().Length > 0 ? Int(p) : 0,
                !string.Equals(Optional(e, "State"), "Inactive", StringComparison.OrdinalIgnoreCase),
                OptionalDuration(e, "PreferredLifetime"),
                OptionalDuration(e, "ValidLifetime"),
                OptionalDuration(e, "T1"),
                OptionalDuration(e, "T2"),
                Children(e, "ExclusionRanges", "IPRange").Select(r => (IPv6(Required(r, "StartRange")), IPv6(Required(r, "EndRange")))).ToList(),
                OptionValues(e),
                Children(e, "Reservations", "Reservation").Select(Reservation6).ToList(),
                Children(e, "Leases", "Lease").Count(),
                Source(e));
        }

        private WindowsDhcpReservation6 Reservation6(XElement e)
        {
            var iaid = ChildIgnoreCase(e, "IAID") ?? throw Error(e, "<Reservation> has no <IAID> element");
            if (!uint.TryParse(iaid.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw Error(iaid, $"<{iaid.Name.LocalName}> '{iaid.Value.Trim()}' is not an IAID (a number from 0 to 4294967295)");
            var duid = ChildIgnoreCase(e, "ClientDuid") ?? throw Error(e, "<Reservation> has no <ClientDuid> element");
            return new WindowsDhcpReservation6(Optional(e, "Name") ?? "", IPv6(Required(e, "IPAddress")), Text(duid), n,
                NonEmpty(Optional(e, "Description")), OptionValues(e), Source(e));
        }

        private TimeSpan? OptionalDuration(XElement parent, string name) =>
            ChildIgnoreCase(parent, name) is { } d && d.Value.Trim().Length > 0 ? Duration(d) : null;

        private static XElement? ChildIgnoreCase(XElement parent, string name) =>
            parent.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, name, StringComparison.OrdinalIgnoreCase));

        private WindowsDhcpClass Class(XElement e) =>
            new(Text(Required(e, "Name")), Optional(e, "Type") ?? "", Hex(Required(e, "Data")), Source(e));

        private WindowsDhcpOptionDefinition OptionDefinition(XElement e) =>
            new(Int(Required(e, "OptionId")), Optional(e, "Name") ?? "", Text(Required(e, "Type")),
                Bool(Child(e, "MultiValued")), NonEmpty(Optional(e, "VendorClass")), Source(e));

        private List<WindowsDhcpOptionValue> OptionValues(XElement parent) =>
            Children(parent, "OptionValues", "OptionValue").Select(e => new WindowsDhcpOptionValue(
                Int(Required(e, "OptionId")),
                e.Elements().Where(v => v.Name.LocalName == "Value").Select(v => v.Value).ToList(),
                NonEmpty(Optional(e, "VendorClass")),
                NonEmpty(Optional(e, "UserClass")),
                Source(e))).ToList();

        private WindowsDhcpFilters? Filters(XElement v4)
        {
            var f = Child(v4, "Filters");
            if (f is null) return null;
            var entries = f.Elements().Where(e => e.Name.LocalName == "Filter")
                .Select(e => new WindowsDhcpFilter(Text(Required(e, "List")), Text(Required(e, "MacAddress")), Source(e)))
                .ToList();
            return new WindowsDhcpFilters(Bool(Child(f, "Allow")), Bool(Child(f, "Deny")), entries);
        }

        private WindowsDhcpScope Scope(XElement e)
        {
            var scopeId = IPv4(Required(e, "ScopeId"));
            return new WindowsDhcpScope(
                scopeId,
                Optional(e, "Name") ?? "",
                IPv4(Required(e, "SubnetMask")),
                IPv4(Required(e, "StartRange")),
                IPv4(Required(e, "EndRange")),
                Duration(Required(e, "LeaseDuration")),
                !string.Equals(Optional(e, "State"), "Inactive", StringComparison.OrdinalIgnoreCase),
                Optional(e, "Type") ?? "Dhcp",
                NonEmpty(Optional(e, "SuperScopeName")),
                Child(e, "Delay") is { } delay && delay.Value.Trim().Length > 0 ? Int(delay) : 0,
                Children(e, "ExclusionRanges", "IPRange").Select(r => (IPv4(Required(r, "StartRange")), IPv4(Required(r, "EndRange")))).ToList(),
                Named(e, "Policies", "Policy", "Name"),
                OptionValues(e),
                Children(e, "Reservations", "Reservation").Select(Reservation).ToList(),
                Children(e, "Leases", "Lease").Select(Lease).ToList(),
                Source(e));
        }

        private WindowsDhcpReservation Reservation(XElement e) =>
            new(Optional(e, "Name") ?? "", IPv4(Required(e, "IPAddress")), Text(Required(e, "ClientId")),
                NonEmpty(Optional(e, "Description")), OptionValues(e), Source(e));

        private WindowsDhcpLease Lease(XElement e)
        {
            DateTimeOffset? expiry = null;
            if (Child(e, "LeaseExpiryTime") is { } t && t.Value.Trim().Length > 0)
            {
                // .NET's "u" format: "2024-05-01 13:45:00Z" (UTC, a space instead of 'T'); accept 'T' too.
                if (!DateTimeOffset.TryParse(t.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                    throw Error(t, $"<LeaseExpiryTime> '{t.Value}' is not a date and time (expected e.g. 2024-05-01 13:45:00Z)");
                expiry = parsed;
            }
            return new WindowsDhcpLease(IPv4(Required(e, "IPAddress")), Text(Required(e, "ClientId")),
                Optional(e, "AddressState") ?? "Active", NonEmpty(Optional(e, "HostName")), expiry, Source(e));
        }

        private List<WindowsDhcpNamedItem> Named(XElement parent, string list, string item, string nameElement) =>
            Children(parent, list, item).Select(e => new WindowsDhcpNamedItem(Text(Required(e, nameElement)), Source(e))).ToList();

        private static IEnumerable<XElement> Children(XElement parent, string list, string item) =>
            Child(parent, list)?.Elements().Where(e => e.Name.LocalName == item) ?? [];

        private static XElement? Child(XElement parent, string name) =>
            parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private XElement Required(XElement parent, string name) =>
            Child(parent, name) ?? throw Error(parent, $"<{parent.Name.LocalName}> has no <{name}> element");

        private static string? Optional(XElement parent, string name) => Child(parent, name)?.Value.Trim();

        private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

        private string Text(XElement e)
        {
            var text = e.Value.Trim();
            return text.Length > 0 ? text : throw Error(e, $"<{e.Name.LocalName}> is empty");
        }

        private int Int(XElement e) =>
            int.TryParse(e.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw Error(e, $"<{e.Name.LocalName}> '{e.Value.Trim()}' is not a number");

        private static bool Bool(XElement? e) => e is not null && bool.TryParse(e.Value.Trim(), out var b) && b;

        private IPAddress IPv4(XElement e)
        {
            var text = e.Value.Trim();
            if (IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') == 3)
                return a;
            throw Error(e, $"<{e.Name.LocalName}> '{text}' is not an IPv4 address");
        }

        private IPAddress IPv6(XElement e)
        {
            var text = e.Value.Trim();
            if (IPAddress.TryParse(text, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId == 0)
                return a;
            throw Error(e, $"<{e.Name.LocalName}> '{text}' is not an IPv6 address");
        }

        /// <summary>A .NET TimeSpan as text, "7.00:00:00"; some writers put a comma after the days.</summary>
        private TimeSpan Duration(XElement e)
        {
            var text = e.Value.Trim();
            var comma = text.IndexOf(',');
            if (comma > 0 && comma < text.IndexOf(':')) text = text[..comma] + "." + text[(comma + 1)..];
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
                ? span
                : throw Error(e, $"<{e.Name.LocalName}> '{e.Value.Trim()}' is not a duration (expected days.hh:mm:ss, e.g. 8.00:00:00)");
        }

        /// <summary>Class data as Windows writes it: "0x4d534654".</summary>
        private byte[] Hex(XElement e)
        {
            var text = e.Value.Trim();
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
            try { return Convert.FromHexString(text); }
            catch (FormatException) { throw Error(e, $"<{e.Name.LocalName}> '{e.Value.Trim()}' is not hex data (expected e.g. 0x4d534654)"); }
        }

        private ConfigSource Source(XElement e) => new(file, Line(e));

        private static int Line(XElement e) => ((IXmlLineInfo)e).HasLineInfo() ? ((IXmlLineInfo)e).LineNumber : 0;

        private ImportFormatException Error(XElement e, string message) => new(file, Line(e), message);
    }
}
