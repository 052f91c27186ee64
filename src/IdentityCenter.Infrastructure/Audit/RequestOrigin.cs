using Microsoft.AspNetCore.Http;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>
/// Where a request comes from, as the audit log records it (CloudTrail's <c>sourceIPAddress</c> and
/// <c>userAgent</c>). Read from the request in this one place: behind a proxy the forwarded-headers
/// middleware has already replaced the connection's address with the client's.
/// </summary>
public sealed record RequestOrigin(string? SourceIpAddress, string? UserAgent)
{
    /// <summary>No request to read (background work, or a component rendered outside a request and a circuit).</summary>
    public static RequestOrigin Unknown { get; } = new(null, null);

    public static RequestOrigin From(HttpContext? context) => context is null
        ? Unknown
        : new(
            context.Connection.RemoteIpAddress?.ToString(),
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}
