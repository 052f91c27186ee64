using System.Collections.Concurrent;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Hosting;

/// <summary>The signed-in administrator's documents must allow this IAM action (see <see cref="IAdministrativeAuthorizer.IsAllowedAsync"/>).</summary>
public sealed record AdministrativeActionRequirement(string Action) : IAuthorizationRequirement;

/// <summary>
/// Answers the per-action policies (<see cref="IdentityCenterPolicies.AdministrativeAction"/> + action): signed in with MFA,
/// no pending step, and <see cref="AdministrativeActionRequirement"/>. Other names go to the default provider.
/// </summary>
internal sealed class AdministrativeActionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> policies = new(StringComparer.Ordinal);

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        ArgumentNullException.ThrowIfNull(policyName);
        if (!policyName.StartsWith(IdentityCenterPolicies.AdministrativeAction, StringComparison.Ordinal)
            || policyName.Length == IdentityCenterPolicies.AdministrativeAction.Length)
        {
            return base.GetPolicyAsync(policyName);
        }

        return Task.FromResult<AuthorizationPolicy?>(policies.GetOrAdd(policyName, name => new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue)
            .RequireAssertion(c => !AuthenticationHostingExtensions.HasPendingStep(c.User))
            .AddRequirements(new AdministrativeActionRequirement(name[IdentityCenterPolicies.AdministrativeAction.Length..]))
            .Build()));
    }
}

/// <summary>Asks <see cref="IAdministrativeAuthorizer"/> (resolved when a requirement is met, so hosts without the access model still start).</summary>
internal sealed class AdministrativeActionHandler(IServiceProvider services) : AuthorizationHandler<AdministrativeActionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministrativeActionRequirement requirement)
    {
        if (AdministratorClaims.From(context.User) is not { } who)
        {
            return;
        }

        if (await services.GetRequiredService<IAdministrativeAuthorizer>().IsAllowedAsync(who, requirement.Action))
        {
            context.Succeed(requirement);
        }
    }
}
