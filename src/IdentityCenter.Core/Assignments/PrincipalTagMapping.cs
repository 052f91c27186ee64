namespace IdentityCenter.Core.Assignments;

/// <summary>A tag that could not be passed into the session, and why.</summary>
public sealed record SkippedPrincipalTag(string Key, string Reason);

/// <summary>The session's principal tags: keys as configured, usable as <c>aws:PrincipalTag/&lt;key&gt;</c>.</summary>
public sealed record PrincipalTagMapping(IReadOnlyDictionary<string, string> Tags, IReadOnlyList<SkippedPrincipalTag> Skipped)
{
    public const string ContextKeyPrefix = "aws:PrincipalTag/";

    /// <summary>The tags as evaluation context keys: <c>aws:PrincipalTag/&lt;key&gt;</c> → value.</summary>
    public IReadOnlyDictionary<string, string> ToContextKeys() =>
        Tags.ToDictionary(kv => ContextKeyPrefix + kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
}
