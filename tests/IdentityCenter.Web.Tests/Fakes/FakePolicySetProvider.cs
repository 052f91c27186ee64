using System.Collections.Concurrent;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Compiled policy sets per (account, permission set), set up by the test.</summary>
public sealed class FakePolicySetProvider : IPolicySetProvider
{
    private readonly ConcurrentDictionary<(string, string), PolicySet> _sets = new();

    public FakePolicySetProvider Set(string accountId, string permissionSetId, string identityPolicyJson, string? scpJson = null)
    {
        IEnumerable<IEnumerable<NamedPolicy>>? scps = scpJson is null ? null : [[Parse("FullAWSAccess", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""), Parse("DenyScp", scpJson)]];
        _sets[(accountId, permissionSetId)] = new PolicySet([Parse("Inline", identityPolicyJson)], serviceControlPolicies: scps);
        return this;
    }

    public void Remove(string accountId, string permissionSetId) => _sets.TryRemove((accountId, permissionSetId), out _);

    public ValueTask<PolicySet?> GetAsync(string accountId, string permissionSetId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_sets.TryGetValue((accountId, permissionSetId), out var set) ? set : null);

    public ValueTask<PolicySet?> GetForResourceAsync(string accountId, string permissionSetId, string resourceAccountId, CancellationToken cancellationToken = default) =>
        GetAsync(accountId, permissionSetId, cancellationToken);

    private static NamedPolicy Parse(string name, string json)
    {
        var parsed = PolicyParser.Parse(json);
        return new NamedPolicy(name, parsed.Document ?? throw new ArgumentException(string.Join("; ", parsed.Errors.Select(e => e.ToString())), nameof(json)));
    }
}
