using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// The policy simulator. Every decision comes from <c>PolicyEvaluator.Evaluate</c> with explain on, over
/// the same compiled <c>PolicySet</c> the portal uses (<see cref="IPolicySetProvider"/>); nothing is re-implemented.
/// </summary>
public interface IPolicySimulator
{
    /// <summary>Errors: unknown user/account/permission set, no actions, a user without roles in the account, an invalid resource policy.</summary>
    Task<OperationResult<SimulationResult>> SimulateAsync(SimulationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Administration mode: each (action, resource) decided by <c>IAdministrativeAuthorizer.AuthorizeAsync</c> with explain on.
    /// Errors: unknown or disabled user, actions that are not IAM actions, resources that are not ARNs of the action's service.
    /// </summary>
    Task<OperationResult<SimulationResult>> SimulateAdministrationAsync(AdministrationSimulationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Free mode. Invalid documents give field errors (IdentityPolicies[i], PermissionsBoundary, ...) with line/column.</summary>
    OperationResult<SimulationResult> SimulateCustom(CustomSimulationRequest request);
}
