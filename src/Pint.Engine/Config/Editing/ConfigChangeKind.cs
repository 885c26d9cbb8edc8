namespace Pint.Engine.Config;

public enum ConfigChangeKind
{
    Add,
    Replace,
    Remove,
}
