namespace IdentityCenter.Core.Audit;

/// <summary>
/// Who performs an operation and from where, passed to every service write so the audit event can
/// name them. Pages build it from the signed-in user and the request (IP, user agent); the administrative AWS APIs
/// add the access key the call was signed with.
/// </summary>
public sealed record Actor(string? UserId, string UserName, string? SourceIpAddress = null, string? UserAgent = null, string? AccessKeyId = null)
{
    /// <summary>IdentityCenter itself (bootstrap, background work).</summary>
    public static Actor System { get; } = new(null, "IdentityCenter");

    public AuditUserIdentity ToUserIdentity() =>
        UserId is null ? AuditUserIdentity.System with { UserName = UserName } : new AuditUserIdentity("IdentityCenterUser", UserId, UserName, AccessKeyId);
}
