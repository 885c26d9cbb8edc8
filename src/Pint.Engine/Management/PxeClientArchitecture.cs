namespace Pint.Engine.Management;

/// <summary>
/// Client system architectures of DHCP option 93 (RFC 4578, IANA "Processor Architecture Types") that PXE setups
/// choose boot files by, with dnsmasq's pxe-service CSA names.
/// </summary>
public static class PxeClientArchitecture
{
    public const int Bios = 0;
    public const int UefiIa32 = 6;
    public const int UefiX64 = 7;
    public const int UefiBc = 9;   // EFI byte code: firmware that reports it is x86-64 UEFI in practice
    public const int UefiArm32 = 10;
    public const int UefiArm64 = 11;

    /// <summary>The option 93 number of a pxe-service CSA name (x86PC, x86-64_EFI, ARM64_EFI, ...) or number; null if unknown.</summary>
    public static int? FromServiceName(string csa) => csa.ToLowerInvariant() switch
    {
        "x86pc" => Bios,
        "pc98" => 1,
        "ia64_efi" => 2,
        "alpha" => 3,
        "arc_x86" => 4,
        "intel_lean_client" => 5,
        "ia32_efi" => UefiIa32,
        "x86-64_efi" => UefiX64,
        "xscale_efi" => 8,
        "bc_efi" => UefiBc,
        "arm32_efi" => UefiArm32,
        "arm64_efi" => UefiArm64,
        _ => int.TryParse(csa, out var n) ? n : null,
    };

    /// <summary>A reader's name for a set of option 93 values.</summary>
    public static string Describe(IReadOnlyCollection<int> values) =>
        values.Count == 0 ? "Default" : string.Join(", ", values.Select(Describe).Distinct());

    public static string Describe(int value) => value switch
    {
        Bios => "BIOS",
        UefiIa32 => "UEFI IA32",
        UefiX64 or UefiBc => "UEFI x86-64",
        UefiArm32 => "ARM32 UEFI",
        UefiArm64 => "ARM64 UEFI",
        _ => $"arch {value}",
    };
}
