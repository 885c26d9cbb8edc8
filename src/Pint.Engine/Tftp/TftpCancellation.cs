namespace Pint.Engine.Tftp;

/// <summary>Why a transfer ends now rather than at its own pace (completion, or giving up on a silent client).</summary>
internal enum TftpCancellation
{
    None,
    /// <summary>The client sent an ERROR (on the transfer's port, or on the listen port from its endpoint): it has given up.</summary>
    ClientError,
    /// <summary>A new request needed the slot of this transfer, which had stopped moving (see <see cref="TftpAdmission"/>).</summary>
    Evicted,
}
