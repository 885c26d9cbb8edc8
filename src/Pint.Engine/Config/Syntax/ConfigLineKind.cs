namespace Pint.Engine.Config;

/// <summary>What a config line is, after the lexer has read it.</summary>
public enum ConfigLineKind
{
    /// <summary>Empty or only whitespace.</summary>
    Blank,
    /// <summary>A whole-line comment: the first non-blank character is <c>#</c>.</summary>
    Comment,
    /// <summary><c>option</c> or <c>option=value</c>, possibly followed by an inline comment.</summary>
    Option,
    /// <summary>A line the lexer cannot read (an unterminated quote, text after the option name without <c>=</c>).</summary>
    Malformed,
}
