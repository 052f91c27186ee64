using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// AWS's policy evaluation logic as one pure function. An explicit Deny anywhere wins; every SCP level
/// and every RCP level must allow (SCPs do not restrict service principals or service-linked roles; RCPs
/// restrict only the services AWS lists for them, see <see cref="OrganizationPolicyScope"/>); identity and
/// resource policies form a union within one account and an intersection across accounts; an account's
/// root user has every permission in its own account; the permissions boundary and session policies cap
/// identity-based grants (except resource-policy grants naming the user or the session itself, in the same
/// account). With <c>explain: false</c> and no policy variables, evaluation allocates nothing.
/// </summary>
public static class PolicyEvaluator
{
    public static EvaluationResult Evaluate(AuthorizationRequest request, PolicySet policies, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        var trace = explain ? new Tracer() : null;
        var hasBoundary = policies.PermissionsBoundary is not null;

        // AWS: sts:GetCallerIdentity needs no permission and works even under an explicit deny.
        if (request.Action.Equals("sts:GetCallerIdentity", StringComparison.OrdinalIgnoreCase))
        {
            return Finish(trace, Decision.Allow, PolicyType.IdentityPolicy, "sts:GetCallerIdentity needs no permission; AWS allows it even when a policy denies it.");
        }

        // 1. Service control policies: every level must allow.
        var scpAllows = true;
        var scpFailedLevel = -1;
        if (policies.ServiceControlLevels is { } && !OrganizationPolicyScope.ServiceControlPoliciesApply(request))
        {
            trace?.Absent(PolicyType.ServiceControlPolicy, request.PrincipalKind == PrincipalKind.Service
                ? "SCPs do not restrict service principals."
                : "SCPs do not restrict service-linked roles.");
        }
        else if (policies.ServiceControlLevels is { } scpLevels)
        {
            for (var level = 0; level < scpLevels.Count; level++)
            {
                var scan = Scan(scpLevels[level], PolicyType.ServiceControlPolicy, level, request, trace, hasBoundary);
                trace?.LevelStep(PolicyType.ServiceControlPolicy, level, scpLevels.Count, scpLevels[level].Length, scan);
                if (scan.Denied && trace is null)
                {
                    return new EvaluationResult(Decision.ExplicitDeny, null);
                }

                if (scan.Allow == PrincipalMatch.None && scpAllows)
                {
                    scpAllows = false;
                    scpFailedLevel = level;
                }
            }
        }
        else
        {
            trace?.Absent(PolicyType.ServiceControlPolicy, "No organization: no SCPs apply.");
        }

        // 2. Resource control policies: every level must allow.
        var rcpAllows = true;
        var rcpFailedLevel = -1;
        if (policies.ResourceControlLevels is { } && !OrganizationPolicyScope.ResourceControlPoliciesApply(request))
        {
            trace?.Absent(PolicyType.ResourceControlPolicy, request.IsServiceLinkedRole
                ? "RCPs do not restrict service-linked roles."
                : "RCPs do not apply to this action: its service is not one AWS lists for RCPs.");
        }
        else if (policies.ResourceControlLevels is { } rcpLevels)
        {
            for (var level = 0; level < rcpLevels.Count; level++)
            {
                var scan = Scan(rcpLevels[level], PolicyType.ResourceControlPolicy, level, request, trace, hasBoundary);
                trace?.LevelStep(PolicyType.ResourceControlPolicy, level, rcpLevels.Count, rcpLevels[level].Length, scan);
                if (scan.Denied && trace is null)
                {
                    return new EvaluationResult(Decision.ExplicitDeny, null);
                }

                if (scan.Allow == PrincipalMatch.None && rcpAllows)
                {
                    rcpAllows = false;
                    rcpFailedLevel = level;
                }
            }
        }
        else
        {
            trace?.Absent(PolicyType.ResourceControlPolicy, "No RCPs apply to the resource.");
        }

        // 3. Resource-based policy.
        var resourceScan = default(ScanResult);
        if (policies.Resource is { } resourcePolicy)
        {
            resourceScan = Scan(resourcePolicy, PolicyType.ResourcePolicy, null, request, trace, hasBoundary);
            trace?.Step(PolicyType.ResourcePolicy, resourceScan, ResourceDetail(resourceScan));
            if (resourceScan.Denied && trace is null)
            {
                return new EvaluationResult(Decision.ExplicitDeny, null);
            }
        }
        else
        {
            trace?.Absent(PolicyType.ResourcePolicy, "The resource has no resource-based policy.");
        }

        // 4. Identity-based policies.
        var identityScan = default(ScanResult);
        foreach (var policy in policies.IdentityPolicies)
        {
            identityScan = identityScan.Merge(Scan(policy, PolicyType.IdentityPolicy, null, request, trace, hasBoundary));
        }

        trace?.Step(PolicyType.IdentityPolicy, identityScan, policies.Identity.Count == 0 ? "The principal has no identity-based policies." : null);
        if (identityScan.Denied && trace is null)
        {
            return new EvaluationResult(Decision.ExplicitDeny, null);
        }

        // 5. Permissions boundary.
        var boundaryScan = default(ScanResult);
        if (policies.BoundaryPolicies is { } boundary)
        {
            foreach (var policy in boundary)
            {
                boundaryScan = boundaryScan.Merge(Scan(policy, PolicyType.PermissionsBoundary, null, request, trace, hasBoundary));
            }

            trace?.Step(PolicyType.PermissionsBoundary, boundaryScan, null);
            if (boundaryScan.Denied && trace is null)
            {
                return new EvaluationResult(Decision.ExplicitDeny, null);
            }
        }
        else
        {
            trace?.Absent(PolicyType.PermissionsBoundary, "No permissions boundary is set.");
        }

        // 6. Session policies.
        var sessionScan = default(ScanResult);
        if (policies.SessionPolicyArray is { } session)
        {
            foreach (var policy in session)
            {
                sessionScan = sessionScan.Merge(Scan(policy, PolicyType.SessionPolicy, null, request, trace, hasBoundary));
            }

            trace?.Step(PolicyType.SessionPolicy, sessionScan, null);
            if (sessionScan.Denied && trace is null)
            {
                return new EvaluationResult(Decision.ExplicitDeny, null);
            }
        }
        else
        {
            trace?.Absent(PolicyType.SessionPolicy, "No session policy was passed.");
        }

        if (trace is not null)
        {
            // Only reached with tracing: report the first explicit deny in evaluation order.
            PolicyType? denier = trace.FirstDenier();
            if (denier is not null)
            {
                return trace.Finish(Decision.ExplicitDeny, denier, $"An explicit Deny in the {Describe(denier.Value)} overrides every Allow.");
            }
        }

        if (!scpAllows)
        {
            return trace is null ? new EvaluationResult(Decision.ImplicitDeny, null) : trace.Finish(Decision.ImplicitDeny, PolicyType.ServiceControlPolicy, $"SCP level {scpFailedLevel + 1} does not allow the action; every level from the root to the account must allow it.");
        }

        if (!rcpAllows)
        {
            return trace is null ? new EvaluationResult(Decision.ImplicitDeny, null) : trace.Finish(Decision.ImplicitDeny, PolicyType.ResourceControlPolicy, $"RCP level {rcpFailedLevel + 1} does not allow the action; every level must allow it.");
        }

        var boundaryOk = policies.PermissionsBoundary is null || boundaryScan.Allow != PrincipalMatch.None;
        var sessionOk = policies.SessionPolicies is null || sessionScan.Allow != PrincipalMatch.None;

        // The root user has full access to its own account: its identity side allows everything (AWS:
        // "all requests are implicitly denied with the exception of the AWS account root user").
        var identityAllows = identityScan.Allow != PrincipalMatch.None || request.PrincipalKind == PrincipalKind.Root;
        var resourceAllow = resourceScan.Allow;

        if (request.PrincipalKind == PrincipalKind.Service)
        {
            return resourceAllow == PrincipalMatch.Direct
                ? Finish(trace, Decision.Allow, PolicyType.ResourcePolicy, "The resource-based policy allows the service principal.")
                : Finish(trace, Decision.ImplicitDeny, PolicyType.ResourcePolicy, "A service principal needs a resource-based policy that names it.");
        }

        var resourceAccount = policies.ResourceAccount ?? ResourceAccountOf(request);
        var sameAccount = resourceAccount is null || string.Equals(resourceAccount, request.PrincipalAccount, StringComparison.Ordinal);
        if (sameAccount)
        {
            // KMS key policies, and role trust policies when present, must delegate to the account (name its
            // root or id) before identity-based policies of that account count.
            if (identityAllows && !ServiceTrustsAccountPolicies(request.Action, policies.Resource is not null, resourceScan.AccountAllow))
            {
                identityAllows = false;
                if (resourceAllow == PrincipalMatch.None)
                {
                    return Finish(trace, Decision.ImplicitDeny, PolicyType.ResourcePolicy, "An identity-based policy allows the action, but for this service the resource-based policy (KMS key policy or role trust policy) must also allow the account or the principal.");
                }
            }

            // A grant naming the user or the session itself (or "*") is not limited by the boundary's or
            // session policy's implicit deny.
            if (resourceAllow == PrincipalMatch.Direct
                && ((boundaryOk && sessionOk) || request.PrincipalKind is PrincipalKind.User or PrincipalKind.AssumedRole or PrincipalKind.FederatedUser))
            {
                return Finish(trace, Decision.Allow, PolicyType.ResourcePolicy, "The resource-based policy names this principal and grants the action.");
            }

            var roleGrant = resourceAllow is PrincipalMatch.SessionRole or PrincipalMatch.SessionUser or PrincipalMatch.Direct;
            if ((identityAllows || roleGrant) && boundaryOk && sessionOk)
            {
                return identityAllows
                    ? (trace is null ? new EvaluationResult(Decision.Allow, null) : trace.Finish(Decision.Allow, PolicyType.IdentityPolicy, identityScan.Allow == PrincipalMatch.None
                        ? "The account's root user has every permission in its own account, and no SCP, RCP or explicit deny says otherwise."
                        : "An identity-based policy allows the action" + Caps(policies) + "."))
                    : (trace is null ? new EvaluationResult(Decision.Allow, null) : trace.Finish(Decision.Allow, PolicyType.ResourcePolicy, "The resource-based policy grants the action to the principal's role" + Caps(policies) + "."));
            }

            if (identityAllows || roleGrant)
            {
                return !boundaryOk
                    ? Finish(trace, Decision.ImplicitDeny, PolicyType.PermissionsBoundary, "The permissions boundary does not allow the action, so the identity-based grant does not take effect.")
                    : Finish(trace, Decision.ImplicitDeny, PolicyType.SessionPolicy, "The session policy does not allow the action, so the identity-based grant does not take effect.");
            }

            if (resourceAllow == PrincipalMatch.Account)
            {
                return Finish(trace, Decision.ImplicitDeny, PolicyType.IdentityPolicy, "The resource-based policy only names the account, which delegates to the account's IAM policies; no identity-based policy allows the action.");
            }

            return Finish(trace, Decision.ImplicitDeny, policies.Identity.Count > 0 || policies.Resource is null ? PolicyType.IdentityPolicy : PolicyType.ResourcePolicy, "No policy allows the action.");
        }

        // Cross-account: the resource policy must trust the principal (or its account) AND the principal's
        // own account must allow through identity policies, boundary and session policies.
        if (resourceAllow == PrincipalMatch.None)
        {
            return trace is null ? new EvaluationResult(Decision.ImplicitDeny, null) : trace.Finish(Decision.ImplicitDeny, PolicyType.ResourcePolicy, $"Cross-account request: the resource in account {resourceAccount} has no resource-based policy statement that allows this principal.");
        }

        if (!identityAllows)
        {
            return Finish(trace, Decision.ImplicitDeny, PolicyType.IdentityPolicy, "Cross-account request: the principal's identity-based policies must also allow the action.");
        }

        if (!boundaryOk)
        {
            return Finish(trace, Decision.ImplicitDeny, PolicyType.PermissionsBoundary, "Cross-account request: the permissions boundary does not allow the action.");
        }

        if (!sessionOk)
        {
            return Finish(trace, Decision.ImplicitDeny, PolicyType.SessionPolicy, "Cross-account request: the session policy does not allow the action.");
        }

        return Finish(trace, Decision.Allow, PolicyType.ResourcePolicy, "Cross-account request allowed by both the resource-based policy and the principal's identity-based policies.");
    }

    private static bool ServiceTrustsAccountPolicies(string action, bool hasResourcePolicy, bool resourceAllowsAccount)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var service = colon > 0 ? action.AsSpan(0, colon) : [];
        if (service.Equals("kms", StringComparison.OrdinalIgnoreCase))
        {
            return resourceAllowsAccount;
        }

        if (service.Equals("sts", StringComparison.OrdinalIgnoreCase))
        {
            return !hasResourcePolicy || resourceAllowsAccount;
        }

        return true;
    }

    private static string Caps(PolicySet policies) =>
        (policies.PermissionsBoundary is null ? string.Empty : ", within the permissions boundary")
        + (policies.SessionPolicies is null ? string.Empty : ", within the session policy");

    // Resources AWS itself owns (account "aws": AWS managed IAM policies, AWS managed organization policies such as
    // p-FullAWSAccess) belong to no other customer's account: only the caller's own policies decide, as in IAM.
    private static string? ResourceAccountOf(AuthorizationRequest request)
    {
        var account = Matching.Arn.AccountOf(request.Resource);
        return account.IsEmpty || account.SequenceEqual("aws") ? null : account.ToString();
    }

    // Callers whose reason text is built dynamically test trace themselves: a decision without
    // explanation must not allocate the message.
    private static EvaluationResult Finish(Tracer? trace, Decision decision, PolicyType decidedBy, string reason) =>
        trace is null ? new EvaluationResult(decision, null) : trace.Finish(decision, decidedBy, reason);

    private static string? ResourceDetail(ScanResult scan) => scan.Allow switch
    {
        PrincipalMatch.Account => "Allows the principal's account only: the account's IAM policies must grant the action.",
        PrincipalMatch.SessionRole => "Allows the principal's role (limited by boundary and session policies).",
        _ => null,
    };

    internal static string Describe(PolicyType type) => type switch
    {
        PolicyType.ServiceControlPolicy => "service control policies",
        PolicyType.ResourceControlPolicy => "resource control policies",
        PolicyType.ResourcePolicy => "resource-based policy",
        PolicyType.IdentityPolicy => "identity-based policies",
        PolicyType.PermissionsBoundary => "permissions boundary",
        _ => "session policy",
    };

    private static ScanResult Scan(CompiledPolicy[] policies, PolicyType type, int? level, AuthorizationRequest request, Tracer? trace, bool hasBoundary)
    {
        var result = default(ScanResult);
        foreach (var policy in policies)
        {
            result = result.Merge(Scan(policy, type, level, request, trace, hasBoundary));
        }

        return result;
    }

    private static ScanResult Scan(CompiledPolicy policy, PolicyType type, int? level, AuthorizationRequest request, Tracer? trace, bool hasBoundary)
    {
        var allow = PrincipalMatch.None;
        var denied = false;
        var accountAllow = false;
        var isResourcePolicy = type == PolicyType.ResourcePolicy;
        var missing = trace?.Scratch;
        foreach (var statement in policy.Statements)
        {
            missing?.Clear();
            if (!statement.MatchesAction(request.Action) || !statement.MatchesResource(request, missing))
            {
                continue;
            }

            var principalMatch = PrincipalMatch.Direct;
            if (isResourcePolicy)
            {
                principalMatch = statement.MatchPrincipal(request, hasBoundary);
                if (principalMatch == PrincipalMatch.None)
                {
                    continue;
                }
            }

            if (!statement.ConditionsHold(request.Context, missing))
            {
                trace?.Statement(type, level, policy, statement, StatementRole.ConditionsNotMet, isResourcePolicy ? principalMatch : null);
                continue;
            }

            if (statement.Effect == Effect.Deny)
            {
                denied = true;
                trace?.Statement(type, level, policy, statement, StatementRole.Denies, isResourcePolicy ? principalMatch : null);
                if (trace is null)
                {
                    break;
                }
            }
            else
            {
                if (principalMatch > allow)
                {
                    allow = principalMatch;
                }

                accountAllow |= principalMatch == PrincipalMatch.Account;

                trace?.Statement(type, level, policy, statement, StatementRole.Allows, isResourcePolicy ? principalMatch : null);
            }
        }

        return new ScanResult(allow, denied, accountAllow);
    }

    /// <summary>The strongest principal match of a matching Allow, whether an Allow named the account, and whether a Deny matched.</summary>
    private readonly record struct ScanResult(PrincipalMatch Allow, bool Denied, bool AccountAllow = false)
    {
        public ScanResult Merge(ScanResult other) =>
            new(other.Allow > Allow ? other.Allow : Allow, Denied || other.Denied, AccountAllow || other.AccountAllow);
    }

    /// <summary>Collects the explanation; only created when one is asked for.</summary>
    private sealed class Tracer
    {
        private readonly List<EvaluationStep> steps = [];
        private readonly List<StatementTrace> statements = [];
        private readonly SortedSet<string> missingKeys = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Scratch { get; } = [];

        public void Statement(PolicyType type, int? level, CompiledPolicy policy, CompiledStatement statement, StatementRole role, PrincipalMatch? principalMatch)
        {
            var source = statement.Source;
            var missing = Scratch.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            foreach (var key in missing)
            {
                missingKeys.Add(key);
            }

            statements.Add(new StatementTrace(type, level, policy.Name, source.Label, source.Index, source.Sid, source.Effect, role, principalMatch, missing));
        }

        public void LevelStep(PolicyType type, int level, int levelCount, int policyCount, ScanResult scan)
        {
            var where = level == 0 ? "root" : level == levelCount - 1 ? "account" : "organizational unit";
            var outcome = scan.Denied ? StepOutcome.Denies : scan.Allow != PrincipalMatch.None ? StepOutcome.Allows : StepOutcome.NoAllow;
            var detail = policyCount == 0
                ? $"Level {level + 1} ({where}) has no policies attached, so it allows nothing."
                : outcome switch
                {
                    StepOutcome.Denies => $"Level {level + 1} ({where}) explicitly denies the action.",
                    StepOutcome.Allows => $"Level {level + 1} ({where}) allows the action.",
                    _ => $"Level {level + 1} ({where}) does not allow the action.",
                };
            steps.Add(new EvaluationStep(type, level, outcome, detail));
        }

        public void Step(PolicyType type, ScanResult scan, string? detail)
        {
            var outcome = scan.Denied ? StepOutcome.Denies : scan.Allow != PrincipalMatch.None ? StepOutcome.Allows : StepOutcome.NoAllow;
            var plural = type is PolicyType.IdentityPolicy or PolicyType.ServiceControlPolicy or PolicyType.ResourceControlPolicy;
            detail ??= outcome switch
            {
                StepOutcome.Denies => $"The {Describe(type)} explicitly {(plural ? "deny" : "denies")} the action.",
                StepOutcome.Allows => $"The {Describe(type)} {(plural ? "allow" : "allows")} the action.",
                _ => $"The {Describe(type)} {(plural ? "do" : "does")} not allow the action.",
            };
            steps.Add(new EvaluationStep(type, null, outcome, detail));
        }

        public void Absent(PolicyType type, string detail) => steps.Add(new EvaluationStep(type, null, StepOutcome.NotPresent, detail));

        public PolicyType? FirstDenier()
        {
            foreach (var step in steps)
            {
                if (step.Outcome == StepOutcome.Denies)
                {
                    return step.PolicyType;
                }
            }

            return null;
        }

        public EvaluationResult Finish(Decision decision, PolicyType? decidedBy, string reason) =>
            new(decision, new Explanation(decision, decidedBy, reason, steps, statements, [.. missingKeys]));
    }
}
