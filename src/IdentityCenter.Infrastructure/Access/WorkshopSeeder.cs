using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// Seeds the workshop organization through the same services the admin console uses (so every step is
/// validated and audited). Demo users get the known password <see cref="DemoPassword"/> and do NOT have
/// to change it, so attendees can sign in at once; reset (or delete) them before real use.
/// </summary>
internal sealed class WorkshopSeeder(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    IOrganizationService organizations,
    IPolicyService policies,
    IPermissionSetService permissionSets,
    IAssignmentService assignments,
    IAccessControlAttributeService attributes,
    IUserDirectoryService users,
    IGroupDirectoryService groups,
    IServiceScopeFactory scopes,
    IDirectorySettingsService settings,
    IPasswordHasher<ApplicationUser> hasher,
    ICredentialRevocation revocation,
    TimeProvider timeProvider,
    S3.WorkshopBuckets? demoBuckets = null) : IWorkshopSeeder
{
    /// <summary>The sign-in password of every demo user.</summary>
    public const string DemoPassword = "Workshop-Demo-2026!";

    public const string RegionGuardrailName = "DenyUnapprovedRegionsAndCloudTrailTampering";
    public const string ProdGuardrailName = "DenyS3DeleteBucketInProd";

    private static readonly string[] UnitNames = ["Prod", "Dev", "Workloads", "Security", "Sandbox"];

    internal static readonly (string UserName, string DisplayName, string Given, string Family, string Department, string CostCenter, string[] Groups)[] DemoUsers =
    [
        ("ana.admin", "Ana Alvarez", "Ana", "Alvarez", "Platform", "CC-100", ["Workshop-CloudAdmins"]),
        ("ben.dev", "Ben Becker", "Ben", "Becker", "Engineering", "CC-200", ["Workshop-Developers"]),
        ("cara.data", "Cara Chen", "Cara", "Chen", "Analytics", "CC-300", ["Workshop-DataAnalysts"]),
        ("dan.ops", "Dan Dube", "Dan", "Dube", "Operations", "CC-200", ["Workshop-Developers", "Workshop-Auditors"]),
        ("eve.audit", "Eve Evans", "Eve", "Evans", "Security", "CC-400", ["Workshop-Auditors"]),
        ("finn.finance", "Finn Fischer", "Finn", "Fischer", "Finance", "CC-500", ["Workshop-Finance"]),
    ];

    internal static readonly (string Name, string Description)[] DemoGroups =
    [
        ("Workshop-CloudAdmins", "Full administrators of every account"),
        ("Workshop-Developers", "Build in Dev and Sandbox, read Prod"),
        ("Workshop-DataAnalysts", "Query analytics data in Prod Data and Dev"),
        ("Workshop-Auditors", "Read-only everywhere"),
        ("Workshop-Finance", "Billing in the management account"),
    ];

    public const string RegionGuardrail = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "DenyOutsideApprovedRegions",
              "Effect": "Deny",
              "NotAction": ["iam:*", "organizations:*", "sts:*", "support:*", "budgets:*", "cloudfront:*", "route53:*"],
              "Resource": "*",
              "Condition": {
                "StringNotEquals": { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] },
                "Null": { "aws:RequestedRegion": "false" }
              }
            },
            {
              "Sid": "DenyCloudTrailTampering",
              "Effect": "Deny",
              "Action": ["cloudtrail:DeleteTrail", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors"],
              "Resource": "*"
            }
          ]
        }
        """;

    public const string ProdGuardrail = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "DenyDeleteBucket", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*" }
          ]
        }
        """;

    public const string AthenaPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AthenaQueries",
              "Effect": "Allow",
              "Action": ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:ListWorkGroups",
                         "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables"],
              "Resource": "*"
            }
          ]
        }
        """;

    public const string DataAnalystInline = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "WriteOwnDepartmentPrefix",
              "Effect": "Allow",
              "Action": ["s3:PutObject", "s3:DeleteObject"],
              "Resource": "arn:aws:s3:::workshop-analytics/${aws:PrincipalTag/Department}/*"
            },
            {
              "Sid": "OperateOwnDepartmentInstances",
              "Effect": "Allow",
              "Action": ["ec2:StartInstances", "ec2:StopInstances"],
              "Resource": "*",
              "Condition": { "StringEquals": { "aws:ResourceTag/Department": "${aws:PrincipalTag/Department}" } }
            }
          ]
        }
        """;

    public async Task<OperationResult<WorkshopSeedResult>> SeedAsync(bool reset, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var state = await GetStateAsync(cancellationToken);
        if (state == SeedState.Complete && !reset)
        {
            // The demo buckets come after the completion marker: a seed stopped between the two finishes them here.
            await EnsureBucketsAsync(cancellationToken);
            return OperationResult.Conflict("", "The workshop organization is already seeded; seed with reset to start over.").As<WorkshopSeedResult>();
        }

        // Demo data without the completion marker is what an interrupted seed (or removal) left: remove it and seed again.
        if (state != SeedState.None)
        {
            var removed = await RemoveAsync(actor, cancellationToken);
            if (!removed.Succeeded)
            {
                return removed.As<WorkshopSeedResult>();
            }
        }

        try
        {
            var seeded = await SeedCoreAsync(actor, state == SeedState.Complete, cancellationToken);
            return seeded.Succeeded && state == SeedState.Interrupted ? OperationResult.Ok(seeded.Value! with { RedoneAfterInterruption = true }) : seeded;
        }
        catch (WorkshopSeedException e)
        {
            // Not Conflict: that kind means "already seeded", which a start with --workshop passes over.
            return OperationResult.Failure(OperationErrorKind.Validation, [FieldError.General("Seeding the workshop failed: " + e.Message + " Run it again with reset to clean up.")]).As<WorkshopSeedResult>();
        }
    }

    private enum SeedState
    {
        None,
        Interrupted,
        Complete,
    }

    private async Task<SeedState> GetStateAsync(CancellationToken cancellationToken)
    {
        if (!await HasDemoDataAsync(cancellationToken))
        {
            return SeedState.None;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SsoInstances.AnyAsync(i => i.WorkshopSeededAt != null, cancellationToken) ? SeedState.Complete : SeedState.Interrupted;
    }

    private async Task<OperationResult<WorkshopSeedResult>> SeedCoreAsync(Actor actor, bool wasReset, CancellationToken cancellationToken)
    {
        var demoPasswords = Task.Run(() => HashDemoPasswordsAsync(cancellationToken), cancellationToken);
        var org = await organizations.GetOrganizationAsync(cancellationToken);
        if (org is null)
        {
            Check(await organizations.CreateOrganizationAsync(new OrganizationInput("Management", "management@workshop.example.com"), actor, cancellationToken));
            org = (await organizations.GetOrganizationAsync(cancellationToken))!;
        }

        // The OUs and guardrails come before any demo account or user, so a seed stopped among them leaves nothing the
        // next seed counts as demo data: it takes over what is there instead of failing on the names.
        var root = org.Organization.RootId;
        async Task<string> Unit(string parent, string name) =>
            org.OrganizationalUnits.FirstOrDefault(u => u.ParentId == parent && u.Name == name)?.Id
            ?? Check(await organizations.CreateOrganizationalUnitAsync(parent, name, actor, cancellationToken)).Id;
        var security = await Unit(root, "Security");
        var workloads = await Unit(root, "Workloads");
        var prod = await Unit(workloads, "Prod");
        var dev = await Unit(workloads, "Dev");
        var sandbox = await Unit(root, "Sandbox");

        var service = (OrganizationService)organizations;
        async Task<string> Account(string name, string email, string parent) =>
            Check(await service.CreateAccountCoreAsync(new AccountInput(name, email, parent), actor, isWorkshop: true, cancellationToken));
        var logArchive = await Account("Log Archive", "log-archive@workshop.example.com", security);
        var securityTooling = await Account("Security Tooling", "security-tooling@workshop.example.com", security);
        var prodWeb = await Account("Prod Web", "prod-web@workshop.example.com", prod);
        var prodData = await Account("Prod Data", "prod-data@workshop.example.com", prod);
        var devAccount = await Account("Dev", "dev@workshop.example.com", dev);
        var sandboxAccount = await Account("Sandbox", "sandbox@workshop.example.com", sandbox);
        string[] memberAccounts = [logArchive, securityTooling, prodWeb, prodData, devAccount, sandboxAccount];
        string[] allAccounts = [org.Organization.ManagementAccountId, .. memberAccounts];

        var scps = await organizations.ListPoliciesAsync(OrganizationPolicyType.ServiceControlPolicy, cancellationToken);
        async Task Guardrail(string name, string description, string document, string target)
        {
            var scp = scps.FirstOrDefault(p => p.Name == name && !p.AwsManaged)
                ?? Check(await organizations.CreatePolicyAsync(new OrganizationPolicyInput(name, description, OrganizationPolicyType.ServiceControlPolicy, document), actor, cancellationToken));
            if (!scp.TargetIds.Contains(target))
            {
                Check(await organizations.AttachPolicyAsync(scp.Id, target, actor, cancellationToken));
            }
        }

        await Guardrail(RegionGuardrailName, "Workshop guardrail: only us-east-1 and eu-west-1, and CloudTrail cannot be stopped or deleted.", RegionGuardrail, root);
        await Guardrail(ProdGuardrailName, "Workshop guardrail: buckets in production accounts cannot be deleted.", ProdGuardrail, prod);

        foreach (var account in new[] { prodData, devAccount })
        {
            Check(await policies.CreateCustomerManagedPolicyAsync(new CustomerManagedPolicyInput(account, "AthenaQueryAccess", "/",
                "Run Athena queries over the Glue catalog.", AthenaPolicy), actor, cancellationToken));
        }

        Check(await attributes.PutAttributesAsync(
        [
            new AccessControlAttribute("Department", "${path:enterprise.department}"),
            new AccessControlAttribute("CostCenter", "${path:enterprise.costCenter}"),
        ], actor, cancellationToken));

        var seeder = (PermissionSetService)permissionSets;
        async Task<string> Set(PermissionSetInput input) => Check(await seeder.CreateCoreAsync(input, actor, isWorkshop: true, cancellationToken));
        static string Arn(string name) => ManagedPolicyCatalog.Default.FindByName(name)?.Arn ?? throw new WorkshopSeedException($"The managed policy {name} is not in the catalogue.");
        var admin = await Set(new PermissionSetInput("AdministratorAccess", "Full access to every service.", "PT2H", ManagedPolicyArns: [Arn("AdministratorAccess")]));
        var readOnly = await Set(new PermissionSetInput("ReadOnly", "Read-only access to every service.", "PT8H", ManagedPolicyArns: [Arn("ReadOnlyAccess")]));
        var powerUser = await Set(new PermissionSetInput("PowerUser", "Everything except IAM and Organizations.", "PT4H", ManagedPolicyArns: [Arn("PowerUserAccess")]));
        var analyst = await Set(new PermissionSetInput("DataAnalyst", "Read S3, query Athena, write only to the own department's prefix (ABAC).", "PT4H",
            ManagedPolicyArns: [Arn("AmazonS3ReadOnlyAccess")],
            CustomerManagedPolicyReferences: [new CustomerManagedPolicyReference("AthenaQueryAccess")],
            InlinePolicy: DataAnalystInline,
            Tags: [new PermissionSetTag("workshop", "true")]));
        var billing = await Set(new PermissionSetInput("Billing", "Billing and cost management.", "PT1H", ManagedPolicyArns: [Arn("Billing")]));

        var groupIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, description) in DemoGroups)
        {
            groupIds[name] = Check(await groups.CreateGroupAsync(new GroupInput(name, description), actor, cancellationToken)).Id;
        }

        var (seeded, userIds) = await CreateDemoUsersAsync(await demoPasswords, actor, cancellationToken);
        foreach (var demo in DemoUsers)
        {
            Check(await attributes.SetUserAttributesAsync(userIds[demo.UserName], new Dictionary<string, string?>
            {
                ["enterprise.department"] = demo.Department,
                ["enterprise.costCenter"] = demo.CostCenter,
            }, actor, cancellationToken));
        }

        foreach (var (group, _) in DemoGroups)
        {
            Check(await groups.AddMembersAsync(groupIds[group], DemoUsers.Where(u => u.Groups.Contains(group)).Select(u => userIds[u.UserName]).ToList(), actor, cancellationToken));
        }

        // Every assignment in one transaction (and one reload of the access model), each provisioned and audited.
        static AssignmentPlanRequest Plan(string[] accounts, PrincipalType type, string principal, string set) => new(accounts, [(type, principal)], [set]);
        var applied = Check(await ((AssignmentService)assignments).ApplyPlansAsync(
        [
            Plan(allAccounts, PrincipalType.Group, groupIds["Workshop-CloudAdmins"], admin),
            Plan([devAccount, sandboxAccount], PrincipalType.Group, groupIds["Workshop-Developers"], powerUser),
            Plan([prodWeb, prodData], PrincipalType.Group, groupIds["Workshop-Developers"], readOnly),
            Plan([prodData, devAccount], PrincipalType.Group, groupIds["Workshop-DataAnalysts"], analyst),
            Plan(allAccounts, PrincipalType.Group, groupIds["Workshop-Auditors"], readOnly),
            Plan([org.Organization.ManagementAccountId], PrincipalType.Group, groupIds["Workshop-Finance"], billing),
            Plan([sandboxAccount], PrincipalType.User, userIds["dan.ops"], powerUser),
            Plan([logArchive], PrincipalType.User, userIds["eve.audit"], readOnly),
        ], actor, cancellationToken));
        if (applied.Created.Where(c => !c.Provisioning.Succeeded).Select(c => c.Provisioning.FailureReason).FirstOrDefault() is { } failed)
        {
            throw new WorkshopSeedException(failed);
        }

        var count = applied.Created.Count;

        // The last step marks the seed complete, with its audit event, in one save: until then a restart redoes it.
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var now = timeProvider.GetUtcNow();
            var instance = await db.SsoInstances.FirstAsync(cancellationToken);
            instance.WorkshopSeededAt = now;
            AccessAudit.Record(db, now, actor, AccessAuditEventNames.SsoSource, AccessAuditEventNames.SeedWorkshop,
                new Dictionary<string, string?> { ["reset"] = wasReset ? "true" : "false" },
                new Dictionary<string, string?> { ["accounts"] = memberAccounts.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ["assignments"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(cancellationToken);
        }

        // Files, not database rows: created after the marker, idempotently, so a crash here is repaired by the next seed.
        var buckets = await EnsureBucketsAsync(cancellationToken);
        return OperationResult.Ok(new WorkshopSeedResult(org.Organization.OrganizationId, memberAccounts.Length, 5, count, seeded, wasReset, Buckets: buckets));
    }

    /// <summary>The demo S3 buckets (when the host has the S3 store), or 0.</summary>
    private async Task<int> EnsureBucketsAsync(CancellationToken cancellationToken) =>
        demoBuckets is null ? 0 : await demoBuckets.EnsureAsync(cancellationToken);

    /// <summary>
    /// The demo users' passwords and their hashes. Each user gets the known demo password and need not change it;
    /// should the directory's password policy refuse it, each gets a generated one-time password to change at
    /// first sign-in instead. Hashing (each with its own salt) is the seed's slowest step: it runs on every core,
    /// beside the seed's database work and before any transaction.
    /// </summary>
    private async Task<(string[] Passwords, string[] Hashes, bool MustChange)> HashDemoPasswordsAsync(CancellationToken cancellationToken)
    {
        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var demoPasswordAllowed = !PasswordPolicyChecker.Check(policy, DemoPassword).Violations.Any();
        var passwords = DemoUsers.Select(_ => demoPasswordAllowed ? DemoPassword : PasswordGenerator.Generate(policy)).ToArray();
        return (passwords, await UserDirectoryService.HashPasswordsAsync(hasher, passwords, cancellationToken), !demoPasswordAllowed);
    }

    /// <summary>The demo users, created (and audited) in one transaction, as an import creates its users.</summary>
    private async Task<(List<WorkshopUser> Users, Dictionary<string, string> Ids)> CreateDemoUsersAsync(
        (string[] Passwords, string[] Hashes, bool MustChange) credentials, Actor actor, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        var now = timeProvider.GetUtcNow();
        var seeded = new List<WorkshopUser>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < DemoUsers.Length; i++)
        {
            var demo = DemoUsers[i];
            var created = Check(await UserDirectoryService.CreateInScopeAsync(
                userManager, db, demo.UserName, new UserProfile(demo.DisplayName, demo.Given, demo.Family, demo.UserName + "@workshop.example.com"),
                credentials.Passwords[i], actor, now, cancellationToken, mustChangePassword: credentials.MustChange, precomputedPasswordHash: credentials.Hashes[i]));
            ids[demo.UserName] = created.Id;
            seeded.Add(new WorkshopUser(demo.UserName, credentials.Passwords[i], demo.Groups));
        }

        await transaction.CommitAsync(cancellationToken);
        return (seeded, ids);
    }

    private async Task<bool> HasDemoDataAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var demoNames = DemoUsers.Select(u => u.UserName.ToUpperInvariant()).ToList();
        var demoGroups = DemoGroups.Select(g => g.Name).ToList();

        // The groups too: a removal stopped after its last demo user leaves only them (and the seed would stop at them).
        return await db.Accounts.AnyAsync(a => a.IsWorkshop, cancellationToken)
            || await db.PermissionSets.AnyAsync(p => p.IsWorkshop, cancellationToken)
            || await db.Users.AnyAsync(u => demoNames.Contains(u.NormalizedUserName!), cancellationToken)
            || await db.Groups.AnyAsync(g => demoGroups.Contains(g.DisplayName), cancellationToken);
    }

    public async Task<OperationResult> RemoveAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        StagedRevocations revoked;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // From here until a seed completes, the demo data counts as unfinished: an interrupted removal is redone too.
            await db.SsoInstances.ExecuteUpdateAsync(i => i.SetProperty(x => x.WorkshopSeededAt, (DateTimeOffset?)null), cancellationToken);
            var accounts = await db.Accounts.Where(a => a.IsWorkshop).Select(a => a.Id).ToListAsync(cancellationToken);
            var sets = await db.PermissionSets.Where(p => p.IsWorkshop).Select(p => p.Id).ToListAsync(cancellationToken);
            var doomed = await db.AccountAssignments.Where(a => accounts.Contains(a.AccountId) || sets.Contains(a.PermissionSetId)).ToListAsync(cancellationToken);
            db.AccountAssignments.RemoveRange(doomed);
            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            foreach (var assignment in doomed)
            {
                revoked.Assignment(assignment.AccountId, assignment.PermissionSetId, assignment.PrincipalId);
            }

            await db.SaveChangesAsync(cancellationToken);
            await db.ProvisionedRoles.Where(r => accounts.Contains(r.AccountId) || sets.Contains(r.PermissionSetId)).ExecuteDeleteAsync(cancellationToken);
            await db.PermissionSets.Where(p => p.IsWorkshop).ExecuteDeleteAsync(cancellationToken);
            var policyIds = await db.CustomerManagedPolicies.Where(p => accounts.Contains(p.AccountId)).Select(p => p.Id).ToListAsync(cancellationToken);
            await db.CustomerManagedPolicyVersions.Where(v => policyIds.Contains(v.PolicyId)).ExecuteDeleteAsync(cancellationToken);
            await db.CustomerManagedPolicies.Where(p => policyIds.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.OrganizationPolicyAttachments.Where(a => accounts.Contains(a.TargetId)).ExecuteDeleteAsync(cancellationToken);
            await db.Accounts.Where(a => a.IsWorkshop).ExecuteDeleteAsync(cancellationToken);

            string[] scpNames = [RegionGuardrailName, ProdGuardrailName];
            var scps = await db.OrganizationPolicies.Where(p => scpNames.Contains(p.Name) && !p.AwsManaged).Select(p => p.Id).ToListAsync(cancellationToken);
            await db.OrganizationPolicyAttachments.Where(a => scps.Contains(a.PolicyId)).ExecuteDeleteAsync(cancellationToken);
            await db.OrganizationPolicies.Where(p => scps.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);

            // Demo OUs, deepest first, only when nothing else lives in them.
            foreach (var name in UnitNames)
            {
                var units = await db.OrganizationalUnits.Where(u => u.Name == name).Select(u => u.Id).ToListAsync(cancellationToken);
                foreach (var unit in units)
                {
                    if (!await db.Accounts.AnyAsync(a => a.ParentId == unit, cancellationToken) && !await db.OrganizationalUnits.AnyAsync(u => u.ParentId == unit, cancellationToken))
                    {
                        await db.OrganizationPolicyAttachments.Where(a => a.TargetId == unit).ExecuteDeleteAsync(cancellationToken);
                        await db.OrganizationalUnits.Where(u => u.Id == unit).ExecuteDeleteAsync(cancellationToken);
                    }
                }
            }

            string[] keys = ["Department", "CostCenter"];
            await db.AccessControlAttributes.Where(a => keys.Contains(a.Key)).ExecuteDeleteAsync(cancellationToken);
            AccessAudit.Record(db, timeProvider.GetUtcNow(), actor, AccessAuditEventNames.SsoSource, AccessAuditEventNames.SeedWorkshop,
                new Dictionary<string, string?> { ["remove"] = "true" },
                new Dictionary<string, string?> { ["accounts"] = accounts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["assignments"] = doomed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        revoked.Publish();

        foreach (var demo in DemoUsers)
        {
            if (await users.FindByUserNameAsync(demo.UserName, cancellationToken) is { } user)
            {
                var deleted = await users.DeleteUserAsync(user.Id, actor, cancellationToken);
                if (!deleted.Succeeded)
                {
                    return deleted;
                }
            }
        }

        var allGroups = await groups.ListGroupsAsync(new GroupQuery("Workshop-", PageSize: 100), cancellationToken);
        foreach (var group in allGroups.Items.Where(g => DemoGroups.Any(d => d.Name == g.DisplayName)))
        {
            var deleted = await groups.DeleteGroupAsync(group.Id, actor, cancellationToken);
            if (!deleted.Succeeded)
            {
                return deleted;
            }
        }

        return OperationResult.Success;
    }

    private static T Check<T>(OperationResult<T> result) =>
        result.Succeeded ? result.Value! : throw new WorkshopSeedException(result.Summary);

    private static void Check(OperationResult result)
    {
        if (!result.Succeeded)
        {
            throw new WorkshopSeedException(result.Summary);
        }
    }
}

/// <summary>A seeding step failed; the message says which and why.</summary>
internal sealed class WorkshopSeedException(string message) : Exception(message);
