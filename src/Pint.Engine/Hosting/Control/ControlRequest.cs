using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pint.Engine.Hosting.Control;

/// <summary>One request on the control socket: a command and its arguments, one JSON object per line.</summary>
public sealed record ControlRequest(string Command, IReadOnlyDictionary<string, string>? Arguments = null)
{
    public string? Argument(string name) => Arguments is not null && Arguments.TryGetValue(name, out var v) ? v : null;
}

/// <summary>The answer: Ok with a JSON payload, or an error message for the cmdlet to show.</summary>
public sealed record ControlResponse(bool Ok, JsonElement? Result, string? Error)
{
    public static ControlResponse Success<T>(T value) =>
        new(true, JsonSerializer.SerializeToElement(value, ControlJson.Options), null);

    public static ControlResponse Failure(string error) => new(false, null, error);
}

internal static class ControlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
