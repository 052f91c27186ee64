using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>The shipped AWS managed catalogue and customer managed policies in memory.</summary>
public sealed class FakePolicyService : IPolicyService
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 0, TimeSpan.Zero);

    public List<CustomerManagedPolicyDetail> Customer { get; } = [];

    public List<CustomerManagedPolicyInput> CreatedInputs { get; } = [];

    public List<(string PolicyId, string Operation, string Argument)> Calls { get; } = [];

    public OperationResult? NextFailure { get; set; }

    public IReadOnlyList<ManagedPolicy> ListAwsManagedPolicies() =>
        ManagedPolicyCatalog.Default.OfKind(ManagedPolicyKind.AwsManagedIamPolicy).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    public PolicyParseResult Validate(string document, PolicyKind kind) => PolicyParser.Parse(document, kind);

    public CustomerManagedPolicyDetail AddCustomer(string id, string accountId, string name, string document)
    {
        var info = new CustomerManagedPolicyInfo(id, accountId, name, "/", null, $"arn:aws:iam::{accountId}:policy/{name}", "v1", 1, Created, Created);
        var detail = new CustomerManagedPolicyDetail(info, [new PolicyVersionInfo("v1", true, document, Created)]);
        Customer.Add(detail);
        return detail;
    }

    public Task<IReadOnlyList<CustomerManagedPolicyInfo>> ListCustomerManagedPoliciesAsync(string? accountId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CustomerManagedPolicyInfo>>(Customer.Select(c => c.Policy).Where(p => accountId is null || p.AccountId == accountId).ToList());

    public Task<CustomerManagedPolicyDetail?> GetCustomerManagedPolicyAsync(string policyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Customer.FirstOrDefault(c => c.Policy.Id == policyId));

    public Task<OperationResult<CustomerManagedPolicyInfo>> CreateCustomerManagedPolicyAsync(CustomerManagedPolicyInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        CreatedInputs.Add(input);
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<CustomerManagedPolicyInfo>());
        }

        return Task.FromResult(OperationResult.Ok(AddCustomer("cp-" + Customer.Count, input.AccountId, input.Name, input.Document).Policy));
    }

    public Task<OperationResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyId, string document, bool setAsDefault, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((policyId, "CreateVersion", document));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure.As<PolicyVersionInfo>());
        }

        var index = Customer.FindIndex(c => c.Policy.Id == policyId);
        var current = Customer[index];
        var version = new PolicyVersionInfo("v" + (current.Versions.Count + 1), setAsDefault, document, Created);
        var versions = current.Versions.Select(v => setAsDefault ? v with { IsDefault = false } : v).Append(version).ToList();
        Customer[index] = new CustomerManagedPolicyDetail(current.Policy with { VersionCount = versions.Count }, versions);
        return Task.FromResult(OperationResult.Ok(version));
    }

    public Task<OperationResult> SetDefaultPolicyVersionAsync(string policyId, string versionId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((policyId, "SetDefault", versionId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        var index = Customer.FindIndex(c => c.Policy.Id == policyId);
        var current = Customer[index];
        Customer[index] = new CustomerManagedPolicyDetail(current.Policy with { DefaultVersionId = versionId }, current.Versions.Select(v => v with { IsDefault = v.VersionId == versionId }).ToList());
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> DeletePolicyVersionAsync(string policyId, string versionId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((policyId, "DeleteVersion", versionId));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        var index = Customer.FindIndex(c => c.Policy.Id == policyId);
        var current = Customer[index];
        Customer[index] = new CustomerManagedPolicyDetail(current.Policy, current.Versions.Where(v => v.VersionId != versionId).ToList());
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult> DeleteCustomerManagedPolicyAsync(string policyId, Actor actor, CancellationToken cancellationToken = default)
    {
        Calls.Add((policyId, "Delete", ""));
        if (TakeFailure() is { } failure)
        {
            return Task.FromResult(failure);
        }

        Customer.RemoveAll(c => c.Policy.Id == policyId);
        return Task.FromResult(OperationResult.Success);
    }

    private OperationResult? TakeFailure()
    {
        var failure = NextFailure;
        NextFailure = null;
        return failure;
    }
}
