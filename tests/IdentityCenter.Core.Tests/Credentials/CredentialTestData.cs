using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Tests.Organizations;

namespace IdentityCenter.Core.Tests.Credentials;

internal static class CredentialTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static SessionClaims Claims(DateTimeOffset issuedAt, TimeSpan? lifetime = null, string accessKeyId = "ASIAABCDEFGHIJKLMNOP") => new()
    {
        AccessKeyId = accessKeyId,
        UserId = "7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d",
        UserName = "alice@example.com",
        AccountId = "111122223333",
        PermissionSetId = "ps-0123456789abcdef",
        PermissionSetVersion = 3,
        RoleArn = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_ReadOnly_0123456789abcdef",
        SessionName = "alice@example.com",
        IssuedAt = issuedAt,
        ExpiresAt = issuedAt + (lifetime ?? TimeSpan.FromHours(1)),
        MfaPresent = true,
        PrincipalTags = new Dictionary<string, string> { ["Department"] = "Engineering", ["CostCenter"] = "4711" },
        OrganizationId = "o-abcdefghij",
        OrganizationPaths = ["o-abcdefghij/r-ab12/ou-ab12-workload/"],
        GrantingPrincipalIds = ["7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d", "group-devs"],
    };

    public static byte[] Secret(int seed = 1)
    {
        var secret = new byte[AccessKeys.SecretAccessKeyBytes];
        new SeededRandomSource(seed).Fill(secret);
        return secret;
    }
}
