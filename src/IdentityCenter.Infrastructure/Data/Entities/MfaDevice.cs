namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>
/// An authenticator app (TOTP) of a user. The key is stored encrypted with ASP.NET Core Data
/// Protection. A device with no <see cref="ConfirmedAt"/> is an enrolment in progress and is not used
/// for sign-in. <see cref="LastAcceptedTimeStep"/> is the replay guard: only later steps are accepted.
/// </summary>
public sealed class MfaDevice
{
    public string Id { get; set; } = Guid.NewGuid().ToString();

    public string UserId { get; set; } = "";

    /// <summary>Always <c>TOTP</c> for now.</summary>
    public string Kind { get; set; } = "TOTP";

    public string FriendlyName { get; set; } = "";

    public string ProtectedSecret { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public long? LastAcceptedTimeStep { get; set; }

    /// <summary>Optimistic concurrency for the replay guard: two requests with the same code cannot both win.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
