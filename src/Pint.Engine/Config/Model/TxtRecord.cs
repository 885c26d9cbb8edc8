namespace Pint.Engine.Config;

/// <summary>One <c>txt-record=name[,"text"...]</c> line; each element is one character-string of the TXT record.</summary>
public sealed record TxtRecord(string Name, IReadOnlyList<string> Texts, ConfigSource Source);
