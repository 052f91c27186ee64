using System.Globalization;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The global condition keys a role session contributes to a request context, as plain strings so the
/// evaluator (or any caller) can convert them to its own types. Request-specific keys (source IP,
/// region, secure transport) are the caller's to add.
/// </summary>
public static class SessionContextKeys
{
    /// <summary>
    /// Builds the session's keys. <c>aws:PrincipalArn</c> is the role ARN with its path (as AWS reports it
    /// for role sessions, which is what SCPs like <c>arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*</c>
    /// match); <c>aws:username</c> carries the directory user name, as the IdentityCenter issue asks,
    /// although AWS itself omits it for role sessions.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Build(
        SessionClaims claims,
        DateTimeOffset now,
        string? organizationId = null,
        string? organizationPath = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var keys = new Dictionary<string, IReadOnlyList<string>>(16 + claims.PrincipalTags.Count, StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalArn"] = [claims.RoleArn],
            ["aws:PrincipalAccount"] = [claims.AccountId],
            ["aws:PrincipalType"] = ["AssumedRole"],
            ["aws:userid"] = [claims.AwsUserId],
            ["aws:username"] = [claims.UserName],
            ["aws:MultiFactorAuthPresent"] = [claims.MfaPresent ? "true" : "false"],
            ["aws:TokenIssueTime"] = [FormatTime(claims.IssuedAt)],
            ["aws:CurrentTime"] = [FormatTime(now)],
            ["aws:EpochTime"] = [now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)],
            ["aws:PrincipalIsAWSService"] = ["false"],
        };

        if (organizationId is not null)
        {
            keys["aws:PrincipalOrgID"] = [organizationId];
        }

        if (organizationPath is not null)
        {
            keys["aws:PrincipalOrgPaths"] = [organizationPath];
        }

        foreach (var (key, value) in claims.PrincipalTags)
        {
            keys["aws:PrincipalTag/" + key] = [value];
        }

        return keys;
    }

    private static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
