namespace IdentityCenter.Core.Credentials;

/// <summary>A persisted assignment removal (account, permission set, user or group id, when).</summary>
public sealed record RevokedAssignment(string AccountId, string PermissionSetId, string PrincipalId, DateTimeOffset At);

/// <summary>A persisted group membership removal.</summary>
public sealed record RevokedMembership(string GroupId, string UserId, DateTimeOffset At);
