namespace Pint.Engine.Config;

/// <summary>Types one implemented option into the config, or reports why it cannot.</summary>
internal delegate void OptionHandler(OptionLine line, PintConfig config);
