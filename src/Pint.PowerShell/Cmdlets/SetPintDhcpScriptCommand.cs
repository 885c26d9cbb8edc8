using System.Management.Automation;
using Pint.Engine.Config;
using Pint.PowerShell.Infrastructure;
using Pint.PowerShell.Model;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Sets the script the DHCP server runs on each lease change (dhcp-script=PATH) and, with -User, the user it runs as
/// (dhcp-scriptuser=NAME): the line dnsmasq obeys is rewritten in place, or one is appended.
/// </summary>
[Cmdlet(VerbsCommon.Set, "PintDhcpScript", SupportsShouldProcess = true)]
[OutputType(typeof(PintDhcpScript))]
public sealed class SetPintDhcpScriptCommand : PintConfigCmdlet
{
    internal const string ScriptOption = "dhcp-script", UserOption = "dhcp-scriptuser";

    /// <summary>The script's absolute path. FullName binds it from Get-Item or Get-ChildItem.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Script")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The user the script runs as; without -User a dhcp-scriptuser= line already there stays.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ScriptUser")]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>Write the setting to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        // dnsmasq runs the script without a PATH search, from no particular directory: only an absolute path works.
        if (!System.IO.Path.IsPathFullyQualified(Path))
        {
            WriteNonTerminating(new ArgumentException(
                $"-Path must be an absolute path, as dnsmasq runs the script without searching PATH or the current directory; '{Path}' is relative. Give the full path, for example /usr/local/bin/lease-hook.sh."),
                "DhcpScriptPathNotAbsolute", ErrorCategory.InvalidArgument, Path);
            return;
        }
        if (!Accepted(ScriptOption, Path, nameof(Path)) || (User is not null && !Accepted(UserOption, User, nameof(User)))) return;
        if (!File.Exists(Path))
            WriteWarning($"'{Path}' does not exist on this machine; the server logs an error at each lease change until it does.");

        ConfigSource? line = null;
        var unchanged = false;
        var changed = EditConfig("Set DHCP script", Path, (session, _) =>
        {
            line = session.Set(ScriptOption, Path).Source;
            if (User is not null) session.Set(UserOption, User);
            unchanged = session.PendingChanges.Count == 0;
        });
        if (PassThru && line is { } at && (changed || unchanged))
        {
            var dhcp = LoadConfigForRead(ConfigFile).Config.Dhcp;
            WriteObject(new PintDhcpScript { Path = dhcp.Script ?? Path, User = dhcp.ScriptUser, Source = at.File, Line = at.Line, ConfigPath = ConfigFile });
        }
    }

    /// <summary>Whether the config loader reads <c>option=value</c> without an error; if not, the error names the parameter.</summary>
    private bool Accepted(string option, string value, string parameter)
    {
        string line;
        try
        {
            line = ConfigValue.FormatLine(option, value);
        }
        catch (ArgumentException e)
        {
            WriteNonTerminating(new ArgumentException($"-{parameter}: {e.Message}", parameter, e), "PintInvalidValue", ErrorCategory.InvalidArgument, value);
            return false;
        }
        var error = ConfigLoader.LoadText(line, "-" + parameter, new ConfigLoadOptions { AllowUnsupported = true, WorkingDirectory = WorkingDirectory })
            .Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is null) return true;
        WriteNonTerminating(new ArgumentException($"-{parameter} '{value}' cannot be written: {error.Message}."), "PintInvalidValue", ErrorCategory.InvalidArgument, value);
        return false;
    }
}
