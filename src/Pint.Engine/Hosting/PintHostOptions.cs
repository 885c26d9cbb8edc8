namespace Pint.Engine.Hosting;

public sealed class PintHostOptions
{
    /// <summary>Load configs that use dnsmasq options Pint does not implement yet (they become warnings).</summary>
    public bool AllowUnsupported { get; init; }
}
