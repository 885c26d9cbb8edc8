namespace Pint.Engine.Hosting;

public enum PintServerState
{
    Stopped,
    Starting,
    Running,
    Stopping,
    Faulted,
}
