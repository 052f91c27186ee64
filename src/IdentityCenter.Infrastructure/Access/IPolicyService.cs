using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// IAM policies: the shipped AWS managed catalogue (read-only) and customer managed policies per account
/// with up to five versions. Documents that do not parse cannot be saved; the error's field is
/// <c>Document</c> and each message starts with "Line L, column C:".
/// </summary>
public interface IPolicyService
{
    /// <summary>The AWS managed IAM policies IdentityCenter ships, by name.</summary>
    IReadOnlyList<ManagedPolicy> ListAwsManagedPolicies();

    /// <summary>The evaluator's parse of a document for the given kind (errors and warnings with line/column), for editors.</summary>
    PolicyParseResult Validate(string document, PolicyKind kind);

    Task<IReadOnlyList<CustomerManagedPolicyInfo>> ListCustomerManagedPoliciesAsync(string? accountId = null, CancellationToken cancellationToken = default);

    Task<CustomerManagedPolicyDetail?> GetCustomerManagedPolicyAsync(string policyId, CancellationToken cancellationToken = default);

    Task<OperationResult<CustomerManagedPolicyInfo>> CreateCustomerManagedPolicyAsync(CustomerManagedPolicyInput input, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>At most five versions: the sixth is refused with a message quoting the limit.</summary>
    Task<OperationResult<PolicyVersionInfo>> CreatePolicyVersionAsync(string policyId, string document, bool setAsDefault, Actor actor, CancellationToken cancellationToken = default);

    Task<OperationResult> SetDefaultPolicyVersionAsync(string policyId, string versionId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The default version cannot be deleted.</summary>
    Task<OperationResult> DeletePolicyVersionAsync(string policyId, string versionId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Refused (Conflict) while a permission set provisioned in the policy's account references it.</summary>
    Task<OperationResult> DeleteCustomerManagedPolicyAsync(string policyId, Actor actor, CancellationToken cancellationToken = default);
}
