namespace Pint.Engine.Management;

/// <summary>Which line offers the boot file: a dhcp-boot= (plain PXE/iPXE) or a pxe-service= menu entry.</summary>
public enum PintPxeBootKind
{
    DhcpBoot,
    PxeService,
}

/// <summary>One boot file choice of the PXE setup, as Get-PintPxeBoot shows it.</summary>
public sealed class PintPxeBoot
{
    public required PintPxeBootKind Kind { get; init; }
    /// <summary>Who gets this file: "BIOS", "UEFI x86-64", "ARM64 UEFI", ..., or "Default" for an untagged dhcp-boot.</summary>
    public required string Architecture { get; init; }
    /// <summary>DHCP option 93 values this choice applies to (from dhcp-match=...,option:client-arch,N or the pxe-service CSA).</summary>
    public int[] ClientArchitecture { get; init; } = Array.Empty<int>();
    /// <summary>Tags a client needs (tag:NAME).</summary>
    public string[] Tags { get; init; } = Array.Empty<string>();
    /// <summary>The file named to the client, relative to the TFTP root; null for a menu entry that boots locally.</summary>
    public string? BootFile { get; init; }
    /// <summary>Menu text of a pxe-service= entry.</summary>
    public string? MenuText { get; init; }
    /// <summary>Another TFTP server named by the line (next-server), or null for this one.</summary>
    public string? ServerAddress { get; init; }
    public bool TftpEnabled { get; init; }
    /// <summary>Full path of the TFTP root the file is served from.</summary>
    public string? TftpRoot { get; init; }
    /// <summary>Whether the boot file is in the TFTP root; null when another server serves it or there is no file.</summary>
    public bool? FileExists { get; init; }
    public required string Source { get; init; }
    public required int Line { get; init; }
    public required string ConfigPath { get; init; }

    public override string ToString() => $"{Architecture}: {BootFile ?? MenuText}";
}
