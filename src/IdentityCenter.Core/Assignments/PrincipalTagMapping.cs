namespace IdentityCenter.Core.Assignments;

/// <summary>A tag that could not be passed into the session, and why.</summary>
public sealed record SkippedPrincipalTag(string Key, string Reason);

/// <summary>
/// The session's principal tags: keys as configured. <see cref="Credentials.RoleSessionContext"/> turns them into
/// <c>aws:PrincipalTag/&lt;key&gt;</c> context keys.
/// </summary>
public sealed record PrincipalTagMapping(IReadOnlyDictionary<string, string> Tags, IReadOnlyList<SkippedPrincipalTag> Skipped);
