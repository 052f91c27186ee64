using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>
/// Audit log filters. <see cref="User"/> is a user id or user name (case-insensitive) and matches
/// events the user performed or that were about them. <see cref="From"/> is inclusive, <see cref="To"/>
/// exclusive. Newest first. <see cref="PageSize"/> is 1-500.
/// </summary>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? EventName = null,
    string? User = null,
    AuditOutcome? Outcome = null,
    int PageIndex = 0,
    int PageSize = 50);
