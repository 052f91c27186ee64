using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Benchmarks;

/// <summary>
/// The credential check of every signed request: open the session token (AES-GCM) with its secret, then the revocation
/// snapshot. <see cref="ValidateOpenedEveryTime"/> is the protector without its cache of opened tokens (every request
/// decrypts); <see cref="ValidateRemembered"/> the default, the same token presented again.
/// </summary>
[MemoryDiagnoser]
public class SessionTokenBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private SessionCredentialValidator uncached = null!;
    private SessionCredentialValidator cached = null!;
    private string token = null!;
    private string accessKeyId = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = new FixedTime(Now);
        var ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(CryptoRandomSource.Instance, Now));
        var revocations = new RevocationSnapshotHolder(RevocationSnapshot.Empty.RevokeUser("someone-else", Now.AddMinutes(-5)));
        var protector = new SessionTokenProtector(ring, time);
        uncached = new SessionCredentialValidator(new SessionTokenProtector(ring, time, cachedTokens: 0), revocations);
        cached = new SessionCredentialValidator(protector, revocations);
        var issuer = new CredentialIssuer(protector, CryptoRandomSource.Instance, time);
        var credentials = issuer.Issue(new CredentialRequest
        {
            UserId = "7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d",
            UserName = "bench.user",
            AccountId = "111122223333",
            PermissionSet = new IdentityCenter.Core.PermissionSets.PermissionSet { Id = "ps-0123456789abcdef", Name = "DataAnalyst", Version = 1, SessionDuration = TimeSpan.FromHours(8) },
            RoleArn = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_DataAnalyst_0123456789abcdef",
            IssuedAt = Now.AddMinutes(-1),
            MfaPresent = true,
            PrincipalTags = new Dictionary<string, string> { ["Department"] = "Analytics" },
            OrganizationId = "o-abcdefghij",
            OrganizationPaths = ["o-abcdefghij/r-ab12/ou-ab12-workload/"],
            GrantingPrincipalIds = ["7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d"],
        });
        token = credentials.SessionToken;
        accessKeyId = credentials.AccessKeyId;
        if (!cached.Validate(token, accessKeyId, true).Succeeded || !uncached.Validate(token, accessKeyId, true).Succeeded)
        {
            throw new InvalidOperationException("The benchmark token does not open.");
        }
    }

    /// <summary>Before: every request decrypts its token.</summary>
    [Benchmark(Baseline = true)]
    public bool ValidateOpenedEveryTime() => uncached.Validate(token, accessKeyId, includeSecretAccessKey: true).Succeeded;

    /// <summary>After: the token opened before is remembered; expiry, key ring and revocation are still checked.</summary>
    [Benchmark]
    public bool ValidateRemembered() => cached.Validate(token, accessKeyId, includeSecretAccessKey: true).Succeeded;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
