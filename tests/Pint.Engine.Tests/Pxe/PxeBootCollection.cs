using Xunit;

namespace Pint.Engine.Tests.Pxe;

/// <summary>
/// The boot tests emulate a whole machine (QEMU without KVM keeps a core busy for about 20 s per boot), so they run
/// alone, after the parallel tests: timing-sensitive tests elsewhere must not starve while a VM boots.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PxeBootCollection
{
    public const string Name = "PXE boot (QEMU)";
}
