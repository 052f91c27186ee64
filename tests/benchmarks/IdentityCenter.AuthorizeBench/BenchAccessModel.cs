using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.AuthorizeBench;

/// <summary>
/// A fixed access model for the benchmark (the real one belongs to the access-model component): one user
/// assigned one permission set in one account, under an organization with two SCP levels.
/// </summary>
internal sealed class BenchAccessModel : IEntitlementService, IPolicySetProvider
{
    /// <summary>The directory id of the benchmark user (a real user row, so SSO sessions and tokens can reference it).</summary>
    public static string UserId { get; set; } = "u-bench";
    public const string UserName = "bench";
    public const string Account = "111122223333";
    public const string PermissionSetId = "ps-b3nch0000000000a";
    public const string RoleName = "DataReader";

    private static readonly string RoleArn = PermissionSetNaming.RoleArn(Account, "us-east-1", PermissionSetNaming.RoleName(RoleName, "a1b2c3d4e5f60718"));

    private readonly PolicySet _set = new(
        [
            Parse("ReadOnlyS3", """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}"""),
            Parse("Inline", """
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"TeamWrites","Effect":"Allow","Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::demo-*/${aws:PrincipalTag/team}/*"},
                  {"Sid":"Dynamo","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":"arn:aws:dynamodb:us-east-1:111122223333:table/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},
                  {"Sid":"NoDeletes","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}
                """),
        ],
        serviceControlPolicies:
        [
            [Parse("FullAWSAccess", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")],
            [
                Parse("FullAWSAccess", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""),
                Parse("Guardrails", """{"Version":"2012-10-17","Statement":[{"Sid":"NoTerminate","Effect":"Deny","Action":["ec2:TerminateInstances","iam:*"],"Resource":"*"},{"Sid":"Regions","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}}]}"""),
            ],
        ]);

    public Task<IReadOnlyList<EntitledAccount>> ListAccountsAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EntitledAccount>>(userId == UserId ? [new(Account, "Benchmark", "bench@example.com")] : []);

    public Task<IReadOnlyList<EntitledRole>> ListRolesAsync(string userId, string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EntitledRole>>(userId == UserId && accountId == Account
            ? [new(Account, RoleName, PermissionSetId, null, null, TimeSpan.FromHours(1), true, [])]
            : []);

    public Task<RoleResolutionResult> ResolveRoleAsync(string userId, string accountId, string roleName, CancellationToken cancellationToken = default) =>
        Task.FromResult(accountId != Account ? RoleResolutionResult.Failed(RoleResolution.AccountNotFound)
            : roleName != RoleName ? RoleResolutionResult.Failed(RoleResolution.RoleNotFound)
            : userId != UserId ? RoleResolutionResult.Failed(RoleResolution.NotAssigned)
            : RoleResolutionResult.Granted(new RoleGrant(
                Account, "Benchmark", PermissionSetId, RoleName, 1, PermissionSetNaming.RoleName(RoleName, "a1b2c3d4e5f60718"), RoleArn,
                TimeSpan.FromHours(1), null, "o-b3nch00001", ["o-b3nch00001/r-ab12/ou-ab12-11111111/"], [UserId, "g-data"],
                new Dictionary<string, string> { ["team"] = "analytics", ["costCenter"] = "cc-42" })));

    public ValueTask<PolicySet?> GetAsync(string accountId, string permissionSetId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(accountId == Account && permissionSetId == PermissionSetId ? _set : null);

    public ValueTask<PolicySet?> GetForResourceAsync(string accountId, string permissionSetId, string resourceAccountId, CancellationToken cancellationToken = default) =>
        GetAsync(accountId, permissionSetId, cancellationToken);

    private static NamedPolicy Parse(string name, string json) =>
        new(name, PolicyParser.Parse(json).Document ?? throw new InvalidOperationException($"Benchmark policy {name} does not parse."));
}
