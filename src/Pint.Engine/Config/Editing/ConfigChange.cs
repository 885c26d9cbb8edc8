namespace Pint.Engine.Config;

/// <summary>
/// One pending edit, for -WhatIf output: the file, the line number at the time of the edit, and the texts. What
/// <see cref="ToString"/> shows of a connection string (pint-lease-store=) has its password masked.
/// </summary>
/// <param name="OldText">The line before the edit; null for Add.</param>
/// <param name="NewText">The line after the edit; null for Remove.</param>
public sealed record ConfigChange(string File, int Line, ConfigChangeKind Kind, string? OldText, string? NewText)
{
    public override string ToString() => Kind switch
    {
        ConfigChangeKind.Add => $"{File}:{Line}: add '{Shown(NewText)}'",
        ConfigChangeKind.Remove => $"{File}:{Line}: remove '{Shown(OldText)}'",
        _ => $"{File}:{Line}: replace '{Shown(OldText)}' with '{Shown(NewText)}'",
    };

    private static string? Shown(string? text) => text is null ? null : LeaseStoreEditing.MaskLine(text);
}
