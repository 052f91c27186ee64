using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.AccessModel.Benchmarks;

[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class CredentialBenchmarks
{
    private CredentialIssuer _issuer = null!;
    private SessionTokenProtector _protector = null!;
    private CredentialRequest _request = null!;
    private RoleCredentials _credentials = null!;
    private RevocationSnapshot _revocations = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = TimeProvider.System;
        var ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(CryptoRandomSource.Instance, time.GetUtcNow()));
        _protector = new SessionTokenProtector(ring, time);
        _issuer = new CredentialIssuer(_protector, CryptoRandomSource.Instance, time);
        _request = new CredentialRequest
        {
            UserId = "7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d",
            UserName = "alice@example.com",
            AccountId = "111122223333",
            PermissionSet = new PermissionSet { Id = "ps-0123456789abcdef", Name = "ReadOnly", SessionDuration = TimeSpan.FromHours(4), Version = 3 },
            RoleArn = PermissionSetNaming.RoleArn("111122223333", "us-east-1", "AWSReservedSSO_ReadOnly_0123456789abcdef"),
            MfaPresent = true,
            PrincipalTags = new Dictionary<string, string> { ["Department"] = "Engineering", ["CostCenter"] = "4711" },
            GrantingPrincipalIds = ["7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d", "0b9f5c7e-1111-4c55-9a3e-1d2f3a4b5c6d"],
        };
        _credentials = _issuer.Issue(_request);
        var snapshot = RevocationSnapshot.Empty.RevokeAll(time.GetUtcNow().AddDays(-1));
        for (var i = 0; i < 1000; i++)
        {
            snapshot = snapshot.RevokeUser($"user-{i}", time.GetUtcNow()).RevokeAssignment("111122223333", "ps-0123456789abcdef", $"group-{i}", time.GetUtcNow());
        }

        _revocations = snapshot;
        Console.WriteLine($"// session token length: {_credentials.SessionToken.Length} characters");
    }

    [Benchmark]
    public string Issue() => _issuer.Issue(_request).SessionToken;

    [Benchmark]
    public bool Unseal() => _protector.Unseal(_credentials.SessionToken, _credentials.AccessKeyId).Succeeded;

    /// <summary>The authorize hot path: open the token, then check it against 2,000 revocation entries.</summary>
    [Benchmark]
    public bool UnsealAndCheckRevocation()
    {
        var result = _protector.Unseal(_credentials.SessionToken, _credentials.AccessKeyId);
        return result.Succeeded && _revocations.Check(result.Claims!) is null;
    }
}
