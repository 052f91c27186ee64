using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Policies.Matching;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Describes the role session a user's credentials would carry (role ARN with path, organization, principal
/// tags, MFA, time), builds its requests with <see cref="RoleSessionContext"/> exactly as <c>/api/authorize</c>
/// does (context keys the session sets are left out and reported), and asks <see cref="PolicyEvaluator"/> with
/// explain on, over the compiled set from <see cref="IPolicySetProvider"/>.
/// </summary>
internal sealed class PolicySimulator(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    IPolicySetProvider policySets,
    UserAccessResolver resolver,
    IdentityCenter.Infrastructure.Administration.IAdministrativeAuthorizer administration,
    TimeProvider timeProvider) : IPolicySimulator
{
    public async Task<OperationResult<SimulationResult>> SimulateAdministrationAsync(AdministrationSimulationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ValidateBasics(request.Actions, request.Resources);

        // Each action is asked about the resources of its own service (and *): one list may mix identitystore, sso and organizations ARNs.
        var pairs = new List<(string Action, string Resource)>();
        if (errors.Count == 0)
        {
            var resources = request.Resources.Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
            foreach (var action in request.Actions.Select(a => a.Trim()).Distinct(StringComparer.Ordinal))
            {
                var checks = resources.Select(r => (Resource: r, Problem: Core.Administration.AdministrativeRequest.Validate(action, r))).ToList();
                if (checks.All(p => p.Problem is not null))
                {
                    var first = checks[0].Problem!;
                    errors.Add(new FieldError(first.StartsWith($"'{action}'", StringComparison.Ordinal) ? "Actions" : "Resources", first));
                    continue;
                }

                pairs.AddRange(checks.Where(p => p.Problem is null).Select(p => (action, p.Resource)));
            }
        }

        var who = string.IsNullOrEmpty(request.UserId) ? null : await administration.FindAdministratorAsync(request.UserId, cancellationToken);
        if (who is null)
        {
            errors.Add(new FieldError("UserId", $"There is no enabled user with id {request.UserId}; choose the administrator to simulate."));
        }

        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<SimulationResult>();
        }

        who = who! with { MfaPresent = request.MfaPresent };
        var keys = RequestKeys(request.Context);
        var decisions = new List<SimulationDecision>();
        var ignored = new List<string>();
        var principal = who.UserName;
        foreach (var (action, resource) in pairs)
        {
            var decision = await administration.AuthorizeAsync(who, action, [resource], keys, explain: true, at: request.At, cancellationToken: cancellationToken);
            principal = decision.PrincipalArn;
            ignored.AddRange(decision.IgnoredContextKeys);
            decisions.Add(new SimulationDecision(null, null, decision.PrincipalArn, action, resource, decision.Decision, decision.Explanation!));
        }

        var documents = (await administration.DocumentsOfAsync(who, cancellationToken)).Select(d => new SimulatedPolicy(PolicyType.IdentityPolicy, null, d.Name, d.Document)).ToList();
        var problems = new List<string>(Ignored(ignored));
        if (documents.Count == 0)
        {
            problems.Insert(0, $"{who.UserName} holds no administration document (no administrative group, none attached to them or their groups), so nothing allows them anything.");
        }

        var title = who.GroupNames.Count == 0 ? $"Administrator {who.UserName}" : $"Administrator {who.UserName} ({string.Join(", ", who.GroupNames)})";
        return OperationResult.Ok(new SimulationResult([new SimulatedRole(null, title, principal, documents, decisions, problems)]));
    }

    public async Task<OperationResult<SimulationResult>> SimulateAsync(SimulationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ValidateBasics(request.Actions, request.Resources);
        var snapshot = await cache.GetAsync(cancellationToken);
        if (snapshot.Tree?.FindAccount(request.AccountId) is null)
        {
            errors.Add(new FieldError("AccountId", $"Account {request.AccountId} is not in the organization."));
        }

        if (request.UserId is null == (request.PermissionSetId is null))
        {
            errors.Add(new FieldError("", "Choose either a user or a permission set to simulate."));
        }

        CompiledPolicy? resourcePolicy = null;
        if (!string.IsNullOrWhiteSpace(request.ResourcePolicy))
        {
            resourcePolicy = Compile(request.ResourcePolicy, PolicyKind.Resource, "ResourcePolicy", "Resource policy", errors);
        }

        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<SimulationResult>();
        }

        var roles = new List<(string PermissionSetId, string? UserName, IReadOnlyDictionary<string, string> Tags)>();
        if (request.UserId is { } userId)
        {
            string? userName;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                userName = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
            }

            if (userName is null)
            {
                return OperationResult.Invalid("UserId", $"There is no user with id {userId}.").As<SimulationResult>();
            }

            var (_, effective) = await resolver.ResolveAsync(userId, cancellationToken);
            var tags = (await resolver.GetPrincipalTagsAsync(snapshot, userId, cancellationToken)).Tags;
            roles.AddRange(effective.Where(e => e.AccountId == request.AccountId).Select(e => (e.PermissionSetId, (string?)userName, tags)));
            if (roles.Count == 0)
            {
                return OperationResult.Invalid("UserId", $"{userName} has no permission set assigned in account {snapshot.AccountName(request.AccountId)} ({request.AccountId}), directly or through a group.").As<SimulationResult>();
            }
        }
        else if (!snapshot.PermissionSets.ContainsKey(request.PermissionSetId!))
        {
            return OperationResult.Invalid("PermissionSetId", $"Permission set {request.PermissionSetId} does not exist.").As<SimulationResult>();
        }
        else
        {
            roles.Add((request.PermissionSetId!, null, new Dictionary<string, string>()));
        }

        var now = request.At ?? timeProvider.GetUtcNow();
        var requestKeys = RequestKeys(request.Context);
        var organizationPath = snapshot.Tree!.GetOrganizationPath(request.AccountId);
        var results = new List<SimulatedRole>();
        foreach (var (permissionSetId, userName, tags) in roles.OrderBy(r => snapshot.PermissionSetName(r.PermissionSetId), StringComparer.OrdinalIgnoreCase))
        {
            var set = await policySets.GetAsync(request.AccountId, permissionSetId, cancellationToken);
            var sources = RolePolicies.Compose(snapshot, request.AccountId, permissionSetId);
            if (set is null || sources is null)
            {
                continue;
            }

            // RCPs are the resource's: each resource is evaluated with the RCP levels of the account that owns it.
            var sets = new Dictionary<string, PolicySet>(StringComparer.Ordinal);
            foreach (var resource in request.Resources.Select(r => r.Trim()).Distinct(StringComparer.Ordinal))
            {
                var owner = request.ResourceAccount is { Length: > 0 } given ? given : Arn.AccountOf(resource).ToString();
                var forResource = owner.Length == 0 || owner == request.AccountId
                    ? set
                    : await policySets.GetForResourceAsync(request.AccountId, permissionSetId, owner, cancellationToken) ?? set;
                sets[resource] = resourcePolicy is null ? forResource : forResource.WithResourcePolicy(resourcePolicy, request.ResourceAccount);
            }

            var name = snapshot.PermissionSetName(permissionSetId);
            var roleName = snapshot.FindRole(request.AccountId, permissionSetId)?.RoleName
                ?? PermissionSetNaming.RoleName(name, "0000000000000000");

            // The session the user's credentials would carry: built by the same function /api/authorize uses.
            var session = new RoleSession
            {
                RoleArn = PermissionSetNaming.RoleArn(request.AccountId, snapshot.Region, roleName),
                SessionName = userName ?? "simulator",
                UserName = userName,
                IssuedAt = now,
                MfaPresent = request.MfaPresent,
                PrincipalTags = tags,
                OrganizationId = snapshot.Tree.OrganizationId,
                OrganizationPaths = organizationPath is null ? [] : [organizationPath],
            };
            var ignored = new List<string>();
            var context = RoleSessionContext.Build(session, requestKeys, now, ignored);
            var documents = Documents(sources, request.ResourcePolicy);
            var decisions = Evaluate(session.AssumedRoleArn, request.Actions, request.Resources, context, resource => sets[resource], permissionSetId, name);
            results.Add(new SimulatedRole(permissionSetId, name, session.AssumedRoleArn, documents, decisions, [.. sources.Problems, .. Ignored(ignored)]));
        }

        return OperationResult.Ok(new SimulationResult(results));
    }

    public OperationResult<SimulationResult> SimulateCustom(CustomSimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = ValidateBasics(request.Actions, request.Resources);
        var now = request.At ?? timeProvider.GetUtcNow();
        var roleSession = DescribedSession(request, now, errors);
        var documents = new List<SimulatedPolicy>();
        var identity = new List<CompiledPolicy>();
        for (var i = 0; i < request.IdentityPolicies.Count; i++)
        {
            if (Compile(request.IdentityPolicies[i], PolicyKind.Managed, $"IdentityPolicies[{i}]", $"Identity policy {i + 1}", errors) is { } p)
            {
                identity.Add(p);
                documents.Add(new SimulatedPolicy(PolicyType.IdentityPolicy, null, p.Name, request.IdentityPolicies[i]));
            }
        }

        List<CompiledPolicy[]>? Levels(IReadOnlyList<IReadOnlyList<string>>? levels, PolicyKind kind, string field, PolicyType type, string label)
        {
            if (levels is null)
            {
                return null;
            }

            var compiled = new List<CompiledPolicy[]>();
            for (var level = 0; level < levels.Count; level++)
            {
                var list = new List<CompiledPolicy>();
                for (var i = 0; i < levels[level].Count; i++)
                {
                    if (Compile(levels[level][i], kind, $"{field}[{level}][{i}]", $"{label} {level + 1}.{i + 1}", errors) is { } p)
                    {
                        list.Add(p);
                        documents.Add(new SimulatedPolicy(type, level, p.Name, levels[level][i]));
                    }
                }

                compiled.Add([.. list]);
            }

            return compiled;
        }

        var scps = Levels(request.ServiceControlPolicyLevels, PolicyKind.Scp, "ServiceControlPolicyLevels", PolicyType.ServiceControlPolicy, "SCP");
        var rcps = Levels(request.ResourceControlPolicyLevels, PolicyKind.Rcp, "ResourceControlPolicyLevels", PolicyType.ResourceControlPolicy, "RCP");
        CompiledPolicy? Single(string? document, PolicyKind kind, string field, string label, PolicyType type)
        {
            if (string.IsNullOrWhiteSpace(document))
            {
                return null;
            }

            var p = Compile(document, kind, field, label, errors);
            if (p is not null)
            {
                documents.Add(new SimulatedPolicy(type, null, label, document));
            }

            return p;
        }

        var resource = Single(request.ResourcePolicy, PolicyKind.Resource, "ResourcePolicy", "Resource policy", PolicyType.ResourcePolicy);
        var boundary = Single(request.PermissionsBoundary, PolicyKind.Managed, "PermissionsBoundary", "Permissions boundary", PolicyType.PermissionsBoundary);
        var session = Single(request.SessionPolicy, PolicyKind.Session, "SessionPolicy", "Session policy", PolicyType.SessionPolicy);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<SimulationResult>();
        }

        var set = new PolicySet(identity, resource, request.ResourceAccount, scps, rcps, boundary is null ? null : [boundary], session is null ? null : [session]);
        var ignored = new List<string>();
        var context = RoleSessionContext.Build(roleSession!, RequestKeys(request.Context), now, ignored);
        var decisions = Evaluate(roleSession!.AssumedRoleArn, request.Actions, request.Resources, context, _ => set, null, null);
        return OperationResult.Ok(new SimulationResult([new SimulatedRole(null, null, roleSession.AssumedRoleArn, documents, decisions, [.. Ignored(ignored)])]));
    }

    private static List<SimulationDecision> Evaluate(
        string principal, IReadOnlyList<string> actions, IReadOnlyList<string> resources, RequestContext context, Func<string, PolicySet> setFor, string? permissionSetId, string? permissionSetName)
    {
        var decisions = new List<SimulationDecision>(actions.Count * resources.Count);
        foreach (var action in actions)
        {
            foreach (var resource in resources)
            {
                var result = PolicyEvaluator.Evaluate(new AuthorizationRequest(principal, action.Trim(), resource.Trim(), context), setFor(resource.Trim()), explain: true);
                decisions.Add(new SimulationDecision(permissionSetId, permissionSetName, principal, action.Trim(), resource.Trim(), result.Decision, result.Explanation!));
            }
        }

        return decisions;
    }

    /// <summary>The simulator's context keys as the request keys they stand for; <see cref="RoleSessionContext"/> drops the session's keys.</summary>
    private static RequestContext? RequestKeys(IReadOnlyDictionary<string, IReadOnlyList<string>>? keys)
    {
        if (keys is null || keys.Count == 0)
        {
            return null;
        }

        var context = new RequestContext(keys.Count);
        foreach (var (key, values) in keys)
        {
            if (values.Count == 1)
            {
                context.Set(key, values[0]);
            }
            else
            {
                context.Set(key, [.. values]);
            }
        }

        return context;
    }

    private static IEnumerable<string> Ignored(IEnumerable<string> keys) =>
        keys.Distinct(StringComparer.OrdinalIgnoreCase).Select(key =>
            $"Context key {key} was left out: the session sets it (user, tags, MFA, organization, time), a request cannot.");

    /// <summary>
    /// Free mode describes the session itself: an assumed-role ARN (its role gets the IAM Identity Center path
    /// when it is an AWSReservedSSO_ role), whether MFA was used and its principal tags.
    /// </summary>
    private static RoleSession? DescribedSession(CustomSimulationRequest request, DateTimeOffset now, List<FieldError> errors)
    {
        if (!PermissionSetNaming.TryParseAssumedRoleArn(request.PrincipalArn, out var account, out var roleName, out var sessionName))
        {
            errors.Add(new FieldError("PrincipalArn", $"'{request.PrincipalArn}' is not a role session ARN; write arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, e.g. {CustomSimulationRequest.DefaultPrincipalArn}."));
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.PrincipalTags ?? new Dictionary<string, string>())
        {
            if (key.Length is 0 or > AccessControlAttributeMapper.KeyMaxLength || key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError("PrincipalTags", $"Principal tag key '{key}' must be 1-{AccessControlAttributeMapper.KeyMaxLength} characters and may not start with 'aws:'."));
            }
            else if (value.Length > AccessControlAttributeMapper.ValueMaxLength)
            {
                errors.Add(new FieldError("PrincipalTags", $"The value of principal tag '{key}' has {value.Length} characters; the limit is {AccessControlAttributeMapper.ValueMaxLength}."));
            }
            else
            {
                tags[key] = value;
            }
        }

        var path = roleName.StartsWith(PermissionSetNaming.RoleNamePrefix, StringComparison.Ordinal) ? "/aws-reserved/sso.amazonaws.com/" : "/";
        return new RoleSession
        {
            RoleArn = $"arn:aws:iam::{account}:role{path}{roleName}",
            SessionName = sessionName,
            UserName = sessionName,
            IssuedAt = now,
            MfaPresent = request.MfaPresent,
            PrincipalTags = tags,
        };
    }

    private static List<FieldError> ValidateBasics(IReadOnlyList<string> actions, IReadOnlyList<string> resources)
    {
        var errors = new List<FieldError>();
        if (actions is null || actions.Count == 0 || actions.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new FieldError("Actions", "Enter at least one action, such as s3:GetObject."));
        }

        if (resources is null || resources.Count == 0 || resources.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add(new FieldError("Resources", "Enter at least one resource ARN, or * for all resources."));
        }

        return errors;
    }

    private static CompiledPolicy? Compile(string document, PolicyKind kind, string field, string name, List<FieldError> errors)
    {
        var problems = AccessAudit.ValidateDocument(document, kind, field);
        if (problems.Count > 0)
        {
            errors.AddRange(problems);
            return null;
        }

        return new CompiledPolicy(new NamedPolicy(name, PolicyParser.Parse(document, kind).Document!));
    }

    private static List<SimulatedPolicy> Documents(RolePolicySources sources, string? resourcePolicy)
    {
        var documents = new List<SimulatedPolicy>();
        void Levels(Core.Organizations.OrganizationPolicyPath? path, PolicyType type)
        {
            if (path is not { AppliesToAccount: true })
            {
                return;
            }

            for (var level = 0; level < path.Levels.Count; level++)
            {
                documents.AddRange(path.Levels[level].Policies.Select(p => new SimulatedPolicy(type, level, p.PolicyName, p.Document)));
            }
        }

        Levels(sources.ServiceControlPolicies, PolicyType.ServiceControlPolicy);
        Levels(sources.ResourceControlPolicies, PolicyType.ResourceControlPolicy);
        if (!string.IsNullOrWhiteSpace(resourcePolicy))
        {
            documents.Add(new SimulatedPolicy(PolicyType.ResourcePolicy, null, "Resource policy", resourcePolicy));
        }

        documents.AddRange(sources.IdentityPolicies.Select(p => new SimulatedPolicy(PolicyType.IdentityPolicy, null, p.Name, p.Document)));
        if (sources.PermissionsBoundary is { } b)
        {
            documents.Add(new SimulatedPolicy(PolicyType.PermissionsBoundary, null, b.Name, b.Document));
        }

        return documents;
    }
}
