using Pint.Engine.Config;

namespace Pint.Engine.Hosting;

/// <summary>
/// A service that can take a changed config while running (new names, ranges, options) without dropping its
/// state. It returns false when the change needs a restart (for example different listen addresses).
/// </summary>
public interface IReconfigurable
{
    bool TryReconfigure(PintSetupResult setup, PintHostOptions options, IPintLog log);
}
