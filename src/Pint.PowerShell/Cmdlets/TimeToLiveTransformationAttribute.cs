using System.Management.Automation;

namespace Pint.PowerShell.Cmdlets;

/// <summary>
/// Lets -TimeToLive take a number of seconds (300) as well as a TimeSpan ('00:05:00'); PowerShell alone would read
/// 300 as ticks.
/// </summary>
public sealed class TimeToLiveTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        return value switch
        {
            int or long or short or byte or uint => TimeSpan.FromSeconds(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
            string s when int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            _ => inputData,
        };
    }
}
