using System.Globalization;
using System.Text.Json;
using IdentityCenter.Core;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Events;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.EnvironmentExport;

/// <summary>
/// Export and import of the whole environment (see <see cref="IEnvironmentExportService"/>). The export reads through the
/// console's services. The import is one database transaction: every row (organization, OUs, accounts, SCPs and RCPs
/// with their attachments, customer managed policies, access control attributes, permission sets, users, groups,
/// memberships, event templates, assignments with their provisioning) and every audit event is staged in one context
/// through the staging methods the services' own writes use (<see cref="OrganizationService"/>, <see cref="PolicyService"/>,
/// <see cref="PermissionSetService"/>, <see cref="UserDirectoryService"/>, <see cref="GroupDirectoryService"/>,
/// <see cref="AccessControlAttributeService"/>, <see cref="AssignmentService"/>, <see cref="WorkshopEventTemplateService"/>),
/// so it is validated and audited as in the console; it is committed once and the access model reloaded once.
/// </summary>
internal sealed class EnvironmentExportService(
    IOrganizationService organizations,
    IPolicyService policies,
    IPermissionSetService permissionSets,
    IAssignmentService assignments,
    IAccessControlAttributeService attributes,
    IUserDirectoryService users,
    IGroupDirectoryService groups,
    IWorkshopEventTemplateService templates,
    IDirectorySettingsService settings,
    IServiceScopeFactory scopes,
    AccessModelCache cache,
    IRandomSource random,
    TimeProvider timeProvider) : IEnvironmentExportService
{
    private const string User = "USER";

    private const string Group = "GROUP";

    private const string SharedAccount = "SHARED_ACCOUNT";

    private const string AccountPerAttendee = "ACCOUNT_PER_ATTENDEE";

    private const string PerAttendee = "PER_ATTENDEE";

    private const string PerGroup = "PER_GROUP";

    /// <summary>The AWS managed SCP and RCP every organization has from its creation (FullAWSAccess, RCPFullAWSAccess).</summary>
    private static readonly HashSet<string> AwsManagedOrganizationPolicyNames = new(
        new[] { ManagedPolicyCatalog.FullAwsAccessArn, ManagedPolicyCatalog.RcpFullAwsAccessArn }.Select(arn => arn[(arn.LastIndexOf("/p-", StringComparison.Ordinal) + 3)..]),
        StringComparer.Ordinal);

    private PolicyService PolicyStaging => (PolicyService)policies;

    private PermissionSetService PermissionSetStaging => (PermissionSetService)permissionSets;

    private AssignmentService AssignmentStaging => (AssignmentService)assignments;

    private IRandomSource Random => random;

    public async Task<string> ExportJsonAsync(CancellationToken cancellationToken = default) =>
        EnvironmentDocumentJson.Serialize(await ExportAsync(cancellationToken));

    public async Task<EnvironmentDocument> ExportAsync(CancellationToken cancellationToken = default)
    {
        var view = await organizations.GetOrganizationAsync(cancellationToken);
        var accountNames = view?.Accounts.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal) ?? [];
        var allPolicies = await organizations.ListPoliciesAsync(cancellationToken: cancellationToken);

        EnvironmentOrganization? organization = null;
        if (view is not null)
        {
            async Task<IReadOnlyList<string>> PoliciesOf(string targetId) =>
                (await organizations.ListPoliciesForTargetAsync(targetId, cancellationToken: cancellationToken)).Select(p => p.Name).ToList();
            async Task<EnvironmentAccount> AccountOf(AccountInfo a) => new()
            {
                Name = a.Name,
                Email = a.Email,
                Id = a.Id,
                Status = a.Status == AccountStatus.Active ? null : a.Status.ToAwsString(),
                Policies = await PoliciesOf(a.Id),
            };
            async Task<(IReadOnlyList<EnvironmentOrganizationalUnit> Units, IReadOnlyList<EnvironmentAccount> Accounts)> ChildrenOf(string parentId)
            {
                var units = new List<EnvironmentOrganizationalUnit>();
                foreach (var unit in view.OrganizationalUnits.Where(u => u.ParentId == parentId).OrderBy(u => u.Name, StringComparer.Ordinal))
                {
                    var (childUnits, childAccounts) = await ChildrenOf(unit.Id);
                    units.Add(new EnvironmentOrganizationalUnit { Name = unit.Name, Policies = await PoliciesOf(unit.Id), OrganizationalUnits = childUnits, Accounts = childAccounts });
                }

                var accounts = new List<EnvironmentAccount>();
                foreach (var account in view.Accounts.Where(a => a.ParentId == parentId && !a.IsManagement).OrderBy(a => a.Name, StringComparer.Ordinal))
                {
                    accounts.Add(await AccountOf(account));
                }

                return (units, accounts);
            }

            var management = view.Accounts.Single(a => a.IsManagement);
            var (rootUnits, rootAccounts) = await ChildrenOf(view.Organization.RootId);
            organization = new EnvironmentOrganization
            {
                ManagementAccount = await AccountOf(management),
                Policies = await PoliciesOf(view.Organization.RootId),
                OrganizationalUnits = rootUnits,
                Accounts = rootAccounts,
            };
        }

        var customerManaged = new List<EnvironmentCustomerManagedPolicy>();
        foreach (var info in await policies.ListCustomerManagedPoliciesAsync(cancellationToken: cancellationToken))
        {
            var detail = await policies.GetCustomerManagedPolicyAsync(info.Id, cancellationToken);
            customerManaged.Add(new EnvironmentCustomerManagedPolicy
            {
                Account = accountNames.GetValueOrDefault(info.AccountId, info.AccountId),
                Name = info.Name,
                Path = info.Path == "/" ? null : info.Path,
                Description = info.Description,
                Document = Json(detail!.DefaultDocument),
            });
        }

        var sets = new List<EnvironmentPermissionSet>();
        var assigned = new List<EnvironmentAssignment>();
        foreach (var summary in (await permissionSets.ListAsync(cancellationToken)).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var set = (await permissionSets.GetAsync(summary.Id, cancellationToken))!.PermissionSet;
            sets.Add(new EnvironmentPermissionSet
            {
                Name = set.Name,
                Description = set.Description,
                SessionDuration = SessionDuration.Format(set.SessionDuration),
                RelayState = set.RelayState,
                ManagedPolicies = set.ManagedPolicyArns,
                CustomerManagedPolicies = set.CustomerManagedPolicyReferences.Select(Reference).ToList(),
                InlinePolicy = set.InlinePolicy is null ? null : Json(set.InlinePolicy),
                PermissionsBoundary = set.PermissionsBoundary is { } boundary
                    ? new EnvironmentPermissionsBoundary(boundary.ManagedPolicyArn, boundary.CustomerManagedPolicyReference is { } r ? Reference(r) : null)
                    : null,
                Tags = set.Tags.Select(t => new EnvironmentTag(t.Key, t.Value)).ToList(),
            });
            assigned.AddRange((await assignments.ListForPermissionSetAsync(summary.Id, cancellationToken)).Select(a => new EnvironmentAssignment
            {
                Account = a.AccountName,
                PermissionSet = a.PermissionSetName,
                PrincipalType = a.PrincipalType == PrincipalType.User ? User : Group,
                Principal = a.PrincipalName,
            }));
        }

        var exportedUsers = new List<EnvironmentUser>();
        string? after = null;
        while (true)
        {
            var page = await users.ListUserDetailsAsync(after, 200, cancellationToken);
            foreach (var user in page)
            {
                var extra = (await attributes.GetUserAttributesAsync(user.Id, cancellationToken))
                    .Where(a => a.Value is not null && !UserAccessResolver.BuiltInPaths.Contains(a.Key, StringComparer.OrdinalIgnoreCase))
                    .OrderBy(a => a.Key, StringComparer.Ordinal)
                    .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
                exportedUsers.Add(new EnvironmentUser
                {
                    UserName = user.UserName,
                    DisplayName = user.DisplayName,
                    GivenName = user.GivenName,
                    FamilyName = user.FamilyName,
                    Email = user.Email,
                    Enabled = user.Enabled ? null : false,
                    Attributes = extra,
                });
            }

            if (page.Count < 200)
            {
                break;
            }

            after = page[^1].UserName;
        }

        var groupNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var exportedGroups = new List<EnvironmentGroup>();
        string? afterGroup = null;
        while (true)
        {
            var page = await groups.ListGroupDetailsAsync(afterGroup, 200, cancellationToken);
            foreach (var group in page.Where(g => !g.IsBuiltIn))
            {
                var members = new List<string>();
                for (var index = 0; ; index++)
                {
                    var chunk = await groups.ListMembersAsync(group.Id, null, index, 200, cancellationToken);
                    members.AddRange(chunk.Items.Select(m => m.UserName));
                    if (chunk.Items.Count < 200)
                    {
                        break;
                    }
                }

                groupNames[group.Id] = group.DisplayName;
                exportedGroups.Add(new EnvironmentGroup { Name = group.DisplayName, Description = group.Description, Members = members.Order(StringComparer.Ordinal).ToList() });
            }

            if (page.Count < 200)
            {
                break;
            }

            afterGroup = page[^1].DisplayName;
        }

        // Event templates by names; a reference deleted since is left out by the list already.
        var setNames = (await permissionSets.ListAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var unitNames = view?.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal) ?? [];
        string UnitPath(string id) => unitNames.TryGetValue(id, out var unit)
            ? (unitNames.ContainsKey(unit.ParentId) ? UnitPath(unit.ParentId) + "/" + unit.Name : unit.Name)
            : id;
        var exportedTemplates = (await templates.ListAsync(cancellationToken)).Select(t => new EnvironmentEventTemplate
        {
            Name = t.Name,
            AttendeeCount = t.AttendeeCount,
            UserNamePrefix = t.UserNamePrefix,
            DurationHours = t.DurationHours,
            Groups = t.GroupIds.Select(id => groupNames.GetValueOrDefault(id)).OfType<string>().ToList(),
            PermissionSets = t.PermissionSetIds.Select(id => setNames.GetValueOrDefault(id)).OfType<string>().ToList(),
            AccountMode = t.AccountMode == WorkshopAccountMode.AccountPerAttendee ? AccountPerAttendee : null,
            SharedAccount = t.SharedAccountId is { } account ? accountNames.GetValueOrDefault(account) : null,
            ParentOrganizationalUnit = t.ParentOrganizationalUnitId is { } unit ? UnitPath(unit) : null,
            AssignmentScope = t.AssignmentScope == WorkshopAssignmentScope.PerGroup ? PerGroup : null,
            WithAuthenticator = t.WithAuthenticator ? true : null,
        }).ToList();

        var instance = await permissionSets.GetInstanceAsync(cancellationToken);
        return new EnvironmentDocument
        {
            ExportedAt = timeProvider.GetUtcNow(),
            ExportedFrom = instance.InstanceArn,
            Organization = organization,
            OrganizationPolicies = allPolicies.Where(p => !p.AwsManaged).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new EnvironmentOrganizationPolicy
            {
                Name = p.Name,
                Type = p.Type.ToAwsString(),
                Description = p.Description,
                Document = Json(p.Document),
            }).ToList(),
            CustomerManagedPolicies = customerManaged,
            AccessControlAttributes = (await attributes.GetAttributesAsync(cancellationToken)).Select(a => new EnvironmentAbacMapping(a.Key, a.Source)).ToList(),
            PermissionSets = sets,
            Users = exportedUsers,
            Groups = exportedGroups,
            Assignments = assigned
                .OrderBy(a => a.Account, StringComparer.Ordinal).ThenBy(a => a.PermissionSet, StringComparer.Ordinal)
                .ThenBy(a => a.PrincipalType, StringComparer.Ordinal).ThenBy(a => a.Principal, StringComparer.Ordinal).ToList(),
            EventTemplates = exportedTemplates,
        };
    }

    private static EnvironmentPolicyReference Reference(CustomerManagedPolicyReference reference) =>
        new(reference.Name, reference.Path == "/" ? null : reference.Path);

    /// <summary>A stored policy document as a JSON value (a document that is not JSON stays a string).</summary>
    private static JsonElement Json(string document)
    {
        try
        {
            using var parsed = JsonDocument.Parse(document);
            return parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(document);
        }
    }

    public async Task<EnvironmentImportPreview> PreviewAsync(string json, CancellationToken cancellationToken = default)
    {
        var (document, readErrors) = Read(json);
        if (document is null)
        {
            return new EnvironmentImportPreview(readErrors, []);
        }

        var plan = await PlanAsync(document, cancellationToken);
        return new EnvironmentImportPreview(plan.Errors, plan.Errors.Count == 0 ? plan.Items : []);
    }

    /// <summary>Parses the JSON text into a document, or the located reasons it cannot be read.</summary>
    internal static (EnvironmentDocument? Document, IReadOnlyList<FieldError> Errors) Read(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, [new FieldError("$", "The document is empty; choose a file exported by IdentityCenter (Export JSON).")]);
        }

        try
        {
            var document = JsonSerializer.Deserialize<EnvironmentDocument>(json, EnvironmentDocumentJson.Options);
            return document is null
                ? (null, [new FieldError("$", "The document is null; it must be a JSON object exported by IdentityCenter.")])
                : (document, []);
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }

            var where = e.LineNumber is { } line
                ? $"Line {(line + 1).ToString(CultureInfo.InvariantCulture)}, column {((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}: "
                : "";
            return (null, [new FieldError(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, where + message + " Correct this member (see the README's environment document format).")]);
        }
    }

    /// <summary>A policy value of the document as text: a JSON object is the policy itself, a string holds it.</summary>
    private static string? PolicyText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.GetRawText(),
        JsonValueKind.String => element.GetString(),
        _ => null,
    };

    private sealed record TargetNode(string Path, string JsonPath, string Name, string? ParentPath, bool IsAccount, EnvironmentAccount? Account, IReadOnlyList<string> Policies);

    private sealed class ImportPlan
    {
        public List<FieldError> Errors { get; } = [];

        public List<EnvironmentImportItem> Items { get; } = [];

        public OrganizationView? Existing { get; set; }

        /// <summary>Root, OUs (by path "A/B") and accounts (by "account:Name"), in creation order (parents first).</summary>
        public List<TargetNode> Targets { get; } = [];

        public Dictionary<string, string> ExistingUnitIds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, OrganizationPolicyInfo> ExistingPolicies { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> ExistingUserIds { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, GroupDetail> ExistingGroups { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> ExistingPermissionSetIds { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> AccountNames { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> PolicyTexts { get; } = new(StringComparer.Ordinal);

        public EnvironmentDocument Document { get; set; } = new();
    }

    private async Task<ImportPlan> PlanAsync(EnvironmentDocument document, CancellationToken cancellationToken)
    {
        var plan = new ImportPlan { Document = document };
        var errors = plan.Errors;
        void Error(string path, string message) => errors.Add(new FieldError(path, message));

        if (document.Schema != EnvironmentDocument.SchemaName)
        {
            Error("$.schema", $"This is not an IdentityCenter environment document: schema must be \"{EnvironmentDocument.SchemaName}\".");
        }

        if (document.SchemaVersion != EnvironmentDocument.CurrentSchemaVersion)
        {
            Error("$.schemaVersion", $"Schema version {document.SchemaVersion.ToString(CultureInfo.InvariantCulture)} is not supported; this IdentityCenter reads version {EnvironmentDocument.CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture)}. Export the environment again with this version.");
        }

        var existing = plan.Existing = await organizations.GetOrganizationAsync(cancellationToken);
        var existingAccounts = existing?.Accounts ?? [];
        foreach (var policy in await organizations.ListPoliciesAsync(cancellationToken: cancellationToken))
        {
            plan.ExistingPolicies.TryAdd(policy.Name, policy);
        }

        // The organization tree: unique account names, unique OU names among siblings, policies that exist.
        var documentPolicyNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.OrganizationPolicies.Count; i++)
        {
            var policy = document.OrganizationPolicies[i];
            var path = $"$.organizationPolicies[{i}]";
            if (!documentPolicyNames.Add(policy.Name))
            {
                Error(path + ".name", $"Another policy in the document is named '{policy.Name}'; policy names must be unique.");
            }

            if (plan.ExistingPolicies.ContainsKey(policy.Name))
            {
                Error(path + ".name", $"This instance already has a policy named '{policy.Name}'; rename it in the document, or delete the one here first.");
            }

            var kind = policy.Type switch
            {
                "SERVICE_CONTROL_POLICY" => PolicyKind.Scp,
                "RESOURCE_CONTROL_POLICY" => PolicyKind.Rcp,
                _ => (PolicyKind?)null,
            };
            if (kind is null)
            {
                Error(path + ".type", $"Type '{policy.Type}' is unknown; use SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.");
            }

            CheckPolicy(plan, path + ".document", policy.Document, kind ?? PolicyKind.Scp);
            plan.Items.Add(new EnvironmentImportItem(policy.Type == "RESOURCE_CONTROL_POLICY" ? "RCP" : "SCP", policy.Name, EnvironmentImportAction.Create));
        }

        bool PolicyKnown(string name) => documentPolicyNames.Contains(name) || plan.ExistingPolicies.ContainsKey(name) || AwsManagedOrganizationPolicyNames.Contains(name);
        void CheckPolicies(string path, IReadOnlyList<string> names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (!PolicyKnown(names[i]))
                {
                    Error($"{path}.policies[{i}]", $"There is no SCP or RCP named '{names[i]}' in the document's organizationPolicies or in this instance; add it there or remove the attachment.");
                }
            }
        }

        if (document.Organization is { } organization)
        {
            var management = organization.ManagementAccount;
            const string managementPath = "$.organization.managementAccount";
            if (existing is null)
            {
                plan.Items.Add(new EnvironmentImportItem("organization", management.Name, EnvironmentImportAction.Create));
                CheckAccountId(plan, managementPath, management.Id, existingAccounts);
            }
            else
            {
                plan.Items.Add(new EnvironmentImportItem("organization", existingAccounts.Single(a => a.IsManagement).Name, EnvironmentImportAction.Reuse));
            }

            plan.AccountNames[management.Name] = managementPath;
            CheckPolicies("$.organization", organization.Policies);
            CheckPolicies(managementPath, management.Policies);
            plan.Targets.Add(new TargetNode("", "$.organization", "Root", null, false, null, organization.Policies));
            plan.Targets.Add(new TargetNode("account:" + management.Name, managementPath, management.Name, "", true, management, management.Policies));
            if (existing is not null)
            {
                var names = existing.OrganizationalUnits.ToDictionary(u => u.Id, StringComparer.Ordinal);
                string UnitPath(OrganizationalUnitInfo unit) =>
                    names.TryGetValue(unit.ParentId, out var parent) ? UnitPath(parent) + "/" + unit.Name : unit.Name;
                foreach (var unit in existing.OrganizationalUnits)
                {
                    plan.ExistingUnitIds[UnitPath(unit)] = unit.Id;
                }
            }

            void Walk(string parentPath, string jsonPath, IReadOnlyList<EnvironmentOrganizationalUnit> units, IReadOnlyList<EnvironmentAccount> accounts)
            {
                var siblings = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < units.Count; i++)
                {
                    var unit = units[i];
                    var unitJson = $"{jsonPath}.organizationalUnits[{i}]";
                    var unitPath = parentPath.Length == 0 ? unit.Name : parentPath + "/" + unit.Name;
                    if (string.IsNullOrWhiteSpace(unit.Name) || unit.Name.Contains('/', StringComparison.Ordinal))
                    {
                        Error(unitJson + ".name", "An OU needs a name without '/'.");
                    }

                    if (!siblings.Add(unit.Name))
                    {
                        Error(unitJson + ".name", $"Another OU beside this one is named '{unit.Name}'; OU names must be unique under one parent.");
                    }

                    CheckPolicies(unitJson, unit.Policies);
                    var reuse = plan.ExistingUnitIds.ContainsKey(unitPath);
                    plan.Items.Add(new EnvironmentImportItem("organizational unit", unitPath, reuse ? EnvironmentImportAction.Reuse : EnvironmentImportAction.Create));
                    plan.Targets.Add(new TargetNode(unitPath, unitJson, unit.Name, parentPath, false, null, unit.Policies));
                    Walk(unitPath, unitJson, unit.OrganizationalUnits, unit.Accounts);
                }

                for (var i = 0; i < accounts.Count; i++)
                {
                    var account = accounts[i];
                    var accountJson = $"{jsonPath}.accounts[{i}]";
                    if (!plan.AccountNames.TryAdd(account.Name, accountJson))
                    {
                        Error(accountJson + ".name", $"Another account in the document is named '{account.Name}' ({plan.AccountNames[account.Name]}); account names must be unique.");
                    }

                    if (existingAccounts.Any(a => a.Name == account.Name))
                    {
                        Error(accountJson + ".name", $"This instance already has an account named '{account.Name}'; rename it in the document, or remove the one here first.");
                    }

                    if (account.Status is { Length: > 0 } status && !AccountStatusNames.TryParse(status, out _))
                    {
                        Error(accountJson + ".status", $"Status '{status}' is unknown; use ACTIVE or SUSPENDED.");
                    }

                    CheckAccountId(plan, accountJson, account.Id, existingAccounts);
                    CheckPolicies(accountJson, account.Policies);
                    plan.Items.Add(new EnvironmentImportItem("account", account.Name, EnvironmentImportAction.Create));
                    plan.Targets.Add(new TargetNode("account:" + account.Name, accountJson, account.Name, parentPath, true, account, account.Policies));
                }
            }

            Walk("", "$.organization", organization.OrganizationalUnits, organization.Accounts);
        }
        else if (existing is not null)
        {
            foreach (var account in existingAccounts)
            {
                plan.AccountNames.TryAdd(account.Name, "(this instance)");
            }
        }

        bool AccountKnown(string name) => plan.AccountNames.ContainsKey(name) || (document.Organization is null && existingAccounts.Any(a => a.Name == name));
        if (document.Organization is null && (document.CustomerManagedPolicies.Count > 0 || document.Assignments.Count > 0) && existing is null)
        {
            Error("$.organization", "The document has customer managed policies or assignments but no organization, and this instance has none either; add the organization to the document.");
        }

        var existingCustomerManaged = await policies.ListCustomerManagedPoliciesAsync(cancellationToken: cancellationToken);
        var customerManagedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.CustomerManagedPolicies.Count; i++)
        {
            var policy = document.CustomerManagedPolicies[i];
            var path = $"$.customerManagedPolicies[{i}]";
            if (!AccountKnown(policy.Account))
            {
                Error(path + ".account", $"There is no account named '{policy.Account}' in the document's organization; add it there or correct the name.");
            }

            if (!customerManagedKeys.Add(policy.Account + "\n" + policy.Name))
            {
                Error(path + ".name", $"Account '{policy.Account}' has another policy named '{policy.Name}' in the document.");
            }

            if (existingCustomerManaged.Any(p => p.Name == policy.Name && existingAccounts.Any(a => a.Id == p.AccountId && a.Name == policy.Account)))
            {
                Error(path + ".name", $"Account '{policy.Account}' already has a policy named '{policy.Name}' here; rename it in the document.");
            }

            CheckPolicy(plan, path + ".document", policy.Document, PolicyKind.Managed);
            plan.Items.Add(new EnvironmentImportItem("customer managed policy", $"{policy.Account}: {policy.Name}", EnvironmentImportAction.Create));
        }

        foreach (var summary in await permissionSets.ListAsync(cancellationToken))
        {
            plan.ExistingPermissionSetIds[summary.Name] = summary.Id;
        }

        var setNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.PermissionSets.Count; i++)
        {
            var set = document.PermissionSets[i];
            var path = $"$.permissionSets[{i}]";
            if (!setNames.Add(set.Name))
            {
                Error(path + ".name", $"Another permission set in the document is named '{set.Name}'; names must be unique.");
            }

            if (plan.ExistingPermissionSetIds.ContainsKey(set.Name))
            {
                Error(path + ".name", $"This instance already has a permission set named '{set.Name}'; rename it in the document, or delete the one here first.");
            }

            for (var j = 0; j < set.ManagedPolicies.Count; j++)
            {
                if (ManagedPolicyCatalog.Default.FindByArn(set.ManagedPolicies[j]) is null)
                {
                    Error($"{path}.managedPolicies[{j}]", $"'{set.ManagedPolicies[j]}' is not an AWS managed policy IdentityCenter knows; use an ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess.");
                }
            }

            if (set.InlinePolicy is { } inline)
            {
                CheckPolicy(plan, path + ".inlinePolicy", inline, PolicyKind.Inline);
            }

            if (set.PermissionsBoundary is { } boundary && (boundary.ManagedPolicyArn is null) == (boundary.CustomerManagedPolicy is null))
            {
                Error(path + ".permissionsBoundary", "A permissions boundary needs exactly one of managedPolicyArn and customerManagedPolicy.");
            }

            plan.Items.Add(new EnvironmentImportItem("permission set", set.Name, EnvironmentImportAction.Create));
        }

        var userNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < document.Users.Count; i++)
        {
            var user = document.Users[i];
            var path = $"$.users[{i}]";
            if (!userNames.Add(user.UserName))
            {
                Error(path + ".userName", $"Another user in the document is named '{user.UserName}' (user names ignore case).");
            }

            foreach (var key in user.Attributes.Keys.Where(k => UserAccessResolver.BuiltInPaths.Contains(k, StringComparer.OrdinalIgnoreCase)))
            {
                Error($"{path}.attributes.{key}", $"{key} comes from the user's profile; set it with userName, displayName, givenName, familyName or email instead.");
            }

            var found = await users.FindByUserNameAsync(user.UserName, cancellationToken);
            if (found is not null)
            {
                plan.ExistingUserIds[user.UserName] = found.Id;
            }

            plan.Items.Add(new EnvironmentImportItem("user", user.UserName, found is null ? EnvironmentImportAction.Create : EnvironmentImportAction.Reuse));
        }

        async Task<bool> UserKnownAsync(string name)
        {
            if (userNames.Contains(name) || plan.ExistingUserIds.ContainsKey(name))
            {
                return true;
            }

            if (await users.FindByUserNameAsync(name, cancellationToken) is { } found)
            {
                plan.ExistingUserIds[name] = found.Id;
                return true;
            }

            return false;
        }

        var groupNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < document.Groups.Count; i++)
        {
            var group = document.Groups[i];
            var path = $"$.groups[{i}]";
            if (!groupNames.Add(group.Name))
            {
                Error(path + ".name", $"Another group in the document is named '{group.Name}' (group names ignore case).");
            }

            var found = await groups.FindByDisplayNameAsync(group.Name, cancellationToken);
            if (found is { IsBuiltIn: true })
            {
                Error(path + ".name", $"'{group.Name}' is the built-in administrators group; administrative rights are not imported. Remove the group from the document.");
            }
            else if (found is not null)
            {
                plan.ExistingGroups[group.Name] = found;
            }

            for (var j = 0; j < group.Members.Count; j++)
            {
                if (!await UserKnownAsync(group.Members[j]))
                {
                    Error($"{path}.members[{j}]", $"There is no user named '{group.Members[j]}' in the document or in this instance; add the user to users or remove the member.");
                }
            }

            plan.Items.Add(new EnvironmentImportItem("group", group.Name, found is null ? EnvironmentImportAction.Create : EnvironmentImportAction.Reuse));
        }

        for (var i = 0; i < document.Assignments.Count; i++)
        {
            var assignment = document.Assignments[i];
            var path = $"$.assignments[{i}]";
            if (!AccountKnown(assignment.Account))
            {
                Error(path + ".account", $"There is no account named '{assignment.Account}' in the document's organization; add it there or correct the name.");
            }

            if (!setNames.Contains(assignment.PermissionSet) && !plan.ExistingPermissionSetIds.ContainsKey(assignment.PermissionSet))
            {
                Error(path + ".permissionSet", $"There is no permission set named '{assignment.PermissionSet}' in the document or in this instance.");
            }

            switch (assignment.PrincipalType)
            {
                case User when !await UserKnownAsync(assignment.Principal):
                    Error(path + ".principal", $"There is no user named '{assignment.Principal}' in the document or in this instance.");
                    break;
                case Group when !groupNames.Contains(assignment.Principal) && await groups.FindByDisplayNameAsync(assignment.Principal, cancellationToken) is not { IsBuiltIn: false }:
                    Error(path + ".principal", $"There is no group named '{assignment.Principal}' in the document or in this instance (the administrators group cannot be assigned by an import).");
                    break;
                case User or Group:
                    break;
                default:
                    Error(path + ".principalType", $"Principal type '{assignment.PrincipalType}' is unknown; use USER or GROUP.");
                    break;
            }

            plan.Items.Add(new EnvironmentImportItem("assignment", $"{assignment.Account} / {assignment.PermissionSet} / {assignment.PrincipalType} {assignment.Principal}", EnvironmentImportAction.Create));
        }

        // Event templates: the event's rules here, references by name; the rest of an event's checks (a shared account
        // when permission sets are given...) run when the template is staged, located at the template's path.
        var existingTemplates = (await templates.ListAsync(cancellationToken)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var templateNames = new HashSet<string>(StringComparer.Ordinal);
        var unitPaths = plan.Targets.Where(t => !t.IsAccount && t.ParentPath is not null).Select(t => t.Path).Concat(plan.ExistingUnitIds.Keys).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < document.EventTemplates.Count; i++)
        {
            var template = document.EventTemplates[i];
            var path = $"$.eventTemplates[{i}]";
            foreach (var problem in WorkshopEventRules.ValidateTemplate(template.Name, template.DurationHours, template.AttendeeCount, template.UserNamePrefix))
            {
                Error(path + "." + JsonName(problem.Field), problem.Message);
            }

            if (!templateNames.Add(template.Name.Trim()))
            {
                Error(path + ".name", $"Another event template in the document is named '{template.Name}'; template names must be unique.");
            }

            if (existingTemplates.Contains(template.Name.Trim()))
            {
                Error(path + ".name", $"This instance already has an event template named '{template.Name}'; rename it in the document, or delete the one here first.");
            }

            for (var j = 0; j < template.Groups.Count; j++)
            {
                if (!groupNames.Contains(template.Groups[j]) && await groups.FindByDisplayNameAsync(template.Groups[j], cancellationToken) is not { IsBuiltIn: false })
                {
                    Error($"{path}.groups[{j}]", $"There is no group named '{template.Groups[j]}' in the document or in this instance (attendees cannot join the administrators group).");
                }
            }

            for (var j = 0; j < template.PermissionSets.Count; j++)
            {
                if (!setNames.Contains(template.PermissionSets[j]) && !plan.ExistingPermissionSetIds.ContainsKey(template.PermissionSets[j]))
                {
                    Error($"{path}.permissionSets[{j}]", $"There is no permission set named '{template.PermissionSets[j]}' in the document or in this instance.");
                }
            }

            if (template.AccountMode is { Length: > 0 } mode && mode is not (SharedAccount or AccountPerAttendee))
            {
                Error(path + ".accountMode", $"Account mode '{mode}' is unknown; use {SharedAccount} or {AccountPerAttendee}.");
            }

            if (template.AssignmentScope is { Length: > 0 } scope && scope is not (PerAttendee or PerGroup))
            {
                Error(path + ".assignmentScope", $"Assignment scope '{scope}' is unknown; use {PerAttendee} or {PerGroup}.");
            }

            if (template.SharedAccount is { Length: > 0 } account && !AccountKnown(account))
            {
                Error(path + ".sharedAccount", $"There is no account named '{account}' in the document's organization or in this instance; add it there or correct the name.");
            }

            if (template.ParentOrganizationalUnit is { Length: > 0 } unit && !unitPaths.Contains(unit))
            {
                Error(path + ".parentOrganizationalUnit", $"There is no OU with the path '{unit}' (names from the root, separated by '/') in the document's organization or in this instance.");
            }

            plan.Items.Add(new EnvironmentImportItem("event template", template.Name, EnvironmentImportAction.Create));
        }

        return plan;
    }

    /// <summary>A template field of <see cref="WorkshopEventRules.ValidateTemplate"/> as the document's member name.</summary>
    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];

    private static void CheckAccountId(ImportPlan plan, string path, string? id, IReadOnlyList<AccountInfo> existing)
    {
        if (id is null)
        {
            return;
        }

        if (!OrganizationIds.IsAccountId(id))
        {
            plan.Errors.Add(new FieldError(path + ".id", $"'{id}' is not an account id (12 digits); correct it or remove it to get a new one."));
        }
        else if (existing.Any(a => a.Id == id) || plan.Targets.Any(t => t.Account?.Id == id))
        {
            plan.Errors.Add(new FieldError(path + ".id", $"Account id {id} is taken; remove the id from the document to get a new one."));
        }
    }

    private static void CheckPolicy(ImportPlan plan, string path, JsonElement element, PolicyKind kind)
    {
        var text = PolicyText(element);
        if (text is null)
        {
            plan.Errors.Add(new FieldError(path, "The policy must be a JSON object (the policy document) or a string holding it."));
            return;
        }

        plan.PolicyTexts[path] = text;
        plan.Errors.AddRange(AccessAudit.ValidateDocument(text, kind, path));
    }

    public async Task<EnvironmentImportResult> ImportAsync(string json, Actor actor, IProgress<EnvironmentImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (document, readErrors) = Read(json);
        if (document is null)
        {
            return new EnvironmentImportResult(readErrors, [], []);
        }

        var plan = await PlanAsync(document, cancellationToken);
        if (plan.Errors.Count > 0)
        {
            return new EnvironmentImportResult(plan.Errors, [], []);
        }

        // The slow part, before the transaction (it would hold the database's write lock): the one-time passwords of
        // the users the import creates, hashed on every core.
        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var passwords = document.Users.Select(u => plan.ExistingUserIds.ContainsKey(u.UserName) ? null : PasswordGenerator.Generate(policy)).ToArray();
        await using var scope = scopes.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        var created = passwords.OfType<string>().ToList();
        var hashes = new Queue<string>(await UserDirectoryService.HashPasswordsAsync(userManager.PasswordHasher, created, cancellationToken));

        var run = new ImportRun(this, plan, db, userManager, actor, timeProvider.GetUtcNow(), progress, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.BeginBulkStaging();
            try
            {
                await run.ApplyAsync(passwords.Select(p => p is null ? ((string, string)?)null : (p, hashes.Dequeue())).ToArray());
            }
            catch (ImportStepRefusedException refused)
            {
                // The transaction is disposed without commit: nothing of the document stays.
                return new EnvironmentImportResult(refused.Errors, [], []);
            }

            await db.SaveStagedAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        progress?.Report(new EnvironmentImportProgress(plan.Items.Count, plan.Items.Count, "saved"));
        return new EnvironmentImportResult([], plan.Items, run.CreatedUsers);
    }

    /// <summary>A step the services refused; carries their errors, located at the document path of the step.</summary>
    private sealed class ImportStepRefusedException(IReadOnlyList<FieldError> errors) : Exception(string.Join(" ", errors.Select(e => e.ToString())))
    {
        public IReadOnlyList<FieldError> Errors { get; } = errors;
    }

    /// <summary>
    /// One import: stages the plan's steps in one context and transaction through the services' staging methods (the
    /// same validation and audit events as the console), saving as it goes so each step sees the rows of the steps
    /// before it; the caller commits once, or disposes the transaction when a step is refused.
    /// </summary>
    private sealed class ImportRun(
        EnvironmentExportService owner,
        ImportPlan plan,
        IdentityCenterDbContext db,
        UserManager<ApplicationUser> userManager,
        Actor actor,
        DateTimeOffset now,
        IProgress<EnvironmentImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        private int done;

        public List<EnvironmentImportedUser> CreatedUsers { get; } = [];

        private EnvironmentDocument Document => plan.Document;

        private void Report(string description) =>
            progress?.Report(new EnvironmentImportProgress(++done, plan.Items.Count, description));

        private static T Check<T>(string path, OperationResult<T> result) =>
            result.Succeeded ? result.Value! : throw Refused(path, result);

        private static void Check(string path, OperationResult result)
        {
            if (!result.Succeeded)
            {
                throw Refused(path, result);
            }
        }

        private static ImportStepRefusedException Refused(string path, OperationResult result) =>
            new(result.Errors.Select(e => new FieldError(e.Field.Length == 0 ? path : $"{path} ({e.Field})", e.Message)).ToList());

        private Task<int> SaveAsync() => db.SaveStagedAsync(cancellationToken);

        /// <param name="passwords">Per document user: the one-time password and its hash when the import creates the user, null when it reuses one.</param>
        public async Task ApplyAsync((string Password, string Hash)?[] passwords)
        {
            var random = owner.Random;
            var tree = await AccessModelCache.LoadTreeAsync(db, cancellationToken);

            // Root (""), OUs by path ("A/B") and accounts ("account:Name") to their ids.
            var ids = new Dictionary<string, string>(plan.ExistingUnitIds, StringComparer.Ordinal);
            if (Document.Organization is { } organization)
            {
                if (tree is null)
                {
                    var management = organization.ManagementAccount;
                    Check("$.organization.managementAccount", await OrganizationService.StageOrganizationAsync(
                        db, random, new OrganizationInput(management.Name, management.Email, management.Id), actor, now, cancellationToken));
                    await SaveAsync();
                    tree = (await AccessModelCache.LoadTreeAsync(db, cancellationToken))!;
                }

                Report("organization");
                ids[""] = tree.RootId;
                ids["account:" + organization.ManagementAccount.Name] = tree.ManagementAccountId;
                var created = new HashSet<string>(StringComparer.Ordinal);
                foreach (var target in plan.Targets.Where(t => t.ParentPath is not null && !(t.IsAccount && t.Account == organization.ManagementAccount)))
                {
                    var parent = ids[target.ParentPath!];
                    if (!target.IsAccount && plan.ExistingUnitIds.TryGetValue(target.Path, out var reused))
                    {
                        ids[target.Path] = reused;
                    }
                    else if (!target.IsAccount)
                    {
                        ids[target.Path] = Check(target.JsonPath, OrganizationService.StageOrganizationalUnit(db, tree, random, parent, target.Name, actor, now));
                        created.Add(target.Path);
                    }
                    else
                    {
                        var input = target.Account!;
                        var accountId = Check(target.JsonPath, OrganizationService.StageNewAccount(db, tree, random, new AccountInput(input.Name, input.Email, parent, input.Id), isWorkshop: false, actor, now));
                        ids[target.Path] = accountId;
                        created.Add(target.Path);
                        if (input.Status is { Length: > 0 } status && AccountStatusNames.TryParse(status, out var parsed) && parsed != AccountStatus.Active)
                        {
                            await SaveAsync();
                            Check(target.JsonPath + ".status", await OrganizationService.StageUpdateAccountAsync(db, tree, accountId, new AccountUpdate(input.Name, input.Email, parsed), actor, now, cancellationToken));
                        }
                    }

                    Report(target.Path);
                }

                var policyIds = tree.Policies.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
                for (var i = 0; i < Document.OrganizationPolicies.Count; i++)
                {
                    var policy = Document.OrganizationPolicies[i];
                    var path = $"$.organizationPolicies[{i}]";
                    var type = policy.Type == "RESOURCE_CONTROL_POLICY" ? OrganizationPolicyType.ResourceControlPolicy : OrganizationPolicyType.ServiceControlPolicy;
                    var policyId = OrganizationIds.NewPolicyId(random);
                    Check(path, await OrganizationService.StagePutPolicyAsync(
                        db, tree, policyId, new OrganizationPolicyInput(policy.Name, policy.Description, type, plan.PolicyTexts[path + ".document"]), create: true, actor, now, cancellationToken));
                    policyIds[policy.Name] = policyId;
                    Report(policy.Name);
                }

                // Attachments: a target the import created gets exactly the document's policies (the defaults it was created
                // with are detached when the document does not list them); an existing target only gains the missing ones.
                // Saved one by one: an attachment's order follows the target's saved ones.
                await SaveAsync();
                foreach (var target in plan.Targets)
                {
                    var targetId = ids[target.Path];
                    var current = tree.GetAttachedPolicies(targetId).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                    var wanted = target.Policies.Select(n => policyIds[n]).ToList();
                    for (var i = 0; i < wanted.Count; i++)
                    {
                        if (current.Add(wanted[i]))
                        {
                            Check($"{target.JsonPath}.policies[{i}]", await OrganizationService.StageAttachPolicyAsync(db, tree, wanted[i], targetId, actor, now, cancellationToken));
                            await SaveAsync();
                        }
                    }

                    if (created.Contains(target.Path) || (plan.Existing is null && target.ParentPath is null) || (plan.Existing is null && target.Account == organization.ManagementAccount))
                    {
                        foreach (var extra in current.Where(id => !wanted.Contains(id)).ToList())
                        {
                            Check(target.JsonPath + ".policies", await OrganizationService.StageDetachPolicyAsync(db, tree, extra, targetId, actor, now, cancellationToken));
                        }
                    }
                }
            }

            await SaveAsync();
            var accountIds = (tree?.Accounts ?? []).GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            var policyService = owner.PolicyStaging;
            for (var i = 0; i < Document.CustomerManagedPolicies.Count; i++)
            {
                var policy = Document.CustomerManagedPolicies[i];
                var path = $"$.customerManagedPolicies[{i}]";
                Check(path, await policyService.StageCreateAsync(
                    db, new CustomerManagedPolicyInput(accountIds[policy.Account], policy.Name, policy.Path ?? "/", policy.Description, plan.PolicyTexts[path + ".document"]), actor, now, cancellationToken));
                await SaveAsync();
                Report(policy.Name);
            }

            if (Document.AccessControlAttributes.Count > 0)
            {
                var before = await db.AccessControlAttributes.AsNoTracking().OrderBy(a => a.Position).Select(a => new AccessControlAttribute(a.Key, a.Source)).ToListAsync(cancellationToken);
                var merged = before.Where(b => Document.AccessControlAttributes.All(a => a.Key != b.Key))
                    .Concat(Document.AccessControlAttributes.Select(a => new AccessControlAttribute(a.Key, a.Source))).ToList();
                Check("$.accessControlAttributes", await AccessControlAttributeService.StageAttributesAsync(db, merged, actor, now, cancellationToken));
            }

            var setIds = new Dictionary<string, string>(plan.ExistingPermissionSetIds, StringComparer.Ordinal);
            var permissionSetService = owner.PermissionSetStaging;
            for (var i = 0; i < Document.PermissionSets.Count; i++)
            {
                var set = Document.PermissionSets[i];
                var path = $"$.permissionSets[{i}]";
                static CustomerManagedPolicyReference Reference(EnvironmentPolicyReference r) => new(r.Name, r.Path ?? "/");
                var boundary = set.PermissionsBoundary switch
                {
                    { ManagedPolicyArn: { } arn } => PermissionsBoundary.FromManagedPolicy(arn),
                    { CustomerManagedPolicy: { } reference } => PermissionsBoundary.FromCustomerManagedPolicy(Reference(reference)),
                    _ => null,
                };
                setIds[set.Name] = Check(path, await permissionSetService.StageCreateAsync(db, new PermissionSetInput(
                    set.Name, set.Description, set.SessionDuration, set.RelayState, set.ManagedPolicies,
                    set.CustomerManagedPolicies.Select(Reference).ToList(),
                    set.InlinePolicy is null ? null : plan.PolicyTexts[path + ".inlinePolicy"],
                    boundary,
                    set.Tags.Select(t => new PermissionSetTag(t.Key, t.Value)).ToList()), actor, isWorkshop: false, now, cancellationToken));
                await SaveAsync();
                Report(set.Name);
            }

            var userIds = new Dictionary<string, string>(plan.ExistingUserIds, StringComparer.OrdinalIgnoreCase);
            var userNames = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Document.Users.Count; i++)
            {
                var user = Document.Users[i];
                var path = $"$.users[{i}]";
                if (passwords[i] is { } pair)
                {
                    var (password, hash) = pair;
                    var request = new CreateUserRequest(user.UserName, user.DisplayName, user.GivenName, user.FamilyName, user.Email);
                    if (UserDirectoryService.ValidateNewUser(request) is { Count: > 0 } problems)
                    {
                        throw Refused(path, OperationResult.Invalid(problems));
                    }

                    var created = Check(path, await UserDirectoryService.CreateInScopeAsync(
                        userManager, db, request.UserName, request.Profile, password, actor, now, cancellationToken, precomputedPasswordHash: hash));
                    userIds[user.UserName] = created.Id;
                    CreatedUsers.Add(new EnvironmentImportedUser(created.UserName!, password));
                    if (user.Attributes.Count > 0)
                    {
                        Check(path + ".attributes", await AccessControlAttributeService.StageUserAttributesAsync(
                            db, created.Id, user.Attributes.ToDictionary(a => a.Key, a => (string?)a.Value), actor, now, cancellationToken));
                    }

                    if (user.Enabled == false)
                    {
                        // A new user holds no credential: nothing to revoke.
                        await UserDirectoryService.StageDisableAsync(db, created, actor, now, new StagedRevocations(null, actor, now, _ => { }), cancellationToken);
                    }
                }

                userNames[userIds[user.UserName]] = user.UserName;
                Report(user.UserName);
            }

            await SaveAsync();
            var groupIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Document.Groups.Count; i++)
            {
                var group = Document.Groups[i];
                var path = $"$.groups[{i}]";
                var members = group.Members.Select(m => userIds.TryGetValue(m, out var known) ? known : null).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                string id;
                string name;
                if (plan.ExistingGroups.TryGetValue(group.Name, out var found))
                {
                    (id, name) = (found.Id, found.DisplayName);
                    var already = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == id && members.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
                    members = members.Except(already, StringComparer.Ordinal).ToList();
                }
                else
                {
                    var created = Check(path, await GroupDirectoryService.StageGroupAsync(db, new GroupInput(group.Name, group.Description), actor, now, cancellationToken));
                    (id, name) = (created.Id, created.DisplayName);
                }

                groupIds[group.Name] = id;
                foreach (var member in members)
                {
                    GroupDirectoryService.StageMembership(db, id, name, member, userNames.GetValueOrDefault(member), actor, now);
                }

                await SaveAsync();
                Report(group.Name);
            }

            // The access model as this transaction sees it, with the accounts, permission sets and groups it created.
            var snapshot = await AccessModelCache.LoadUncachedAsync(db, cancellationToken);
            for (var i = 0; i < Document.EventTemplates.Count; i++)
            {
                var template = Document.EventTemplates[i];
                var groupsOf = new List<string>();
                foreach (var name in template.Groups)
                {
                    groupsOf.Add(groupIds.TryGetValue(name, out var known) ? known : await GroupIdAsync(name));
                }

                var perAttendee = template.AccountMode == AccountPerAttendee;
                var settings = new WorkshopEventInput(
                    template.Name, default, default, template.AttendeeCount, template.UserNamePrefix, groupsOf,
                    template.PermissionSets.Select(n => setIds[n]).ToList(),
                    perAttendee ? WorkshopAccountMode.AccountPerAttendee : WorkshopAccountMode.SharedAccount,
                    template.SharedAccount is { Length: > 0 } account ? accountIds[account] : null,
                    template.ParentOrganizationalUnit is { Length: > 0 } unit ? ids[unit] : null,
                    template.AssignmentScope == PerGroup ? WorkshopAssignmentScope.PerGroup : WorkshopAssignmentScope.PerAttendee,
                    template.WithAuthenticator == true);
                Check($"$.eventTemplates[{i}]", await WorkshopEventTemplateService.StageSaveAsync(db, snapshot, settings, template.DurationHours, actor, now, cancellationToken));
                Report(template.Name);
            }

            if (Document.Assignments.Count == 0)
            {
                return;
            }

            var requests = new List<AssignmentPlanRequest>();
            var paths = new Dictionary<(string, string, string), string>();
            for (var i = 0; i < Document.Assignments.Count; i++)
            {
                var a = Document.Assignments[i];
                var type = a.PrincipalType == User ? PrincipalType.User : PrincipalType.Group;
                var principal = type == PrincipalType.User
                    ? userIds[a.Principal]
                    : groupIds.TryGetValue(a.Principal, out var g) ? g : await GroupIdAsync(a.Principal);
                requests.Add(new AssignmentPlanRequest([accountIds[a.Account]], [(type, principal)], [setIds[a.PermissionSet]]));
                paths.TryAdd((accountIds[a.Account], setIds[a.PermissionSet], principal), $"$.assignments[{i}]");
            }

            // Each assignment provisioned and audited as CreateAccountAssignment.
            var applied = Check("$.assignments", await owner.AssignmentStaging.StagePlansAsync(db, snapshot, snapshot.Tree, requests, actor, cancellationToken));
            progress?.Report(new EnvironmentImportProgress(plan.Items.Count, plan.Items.Count, "assignments"));
            if (applied.Created.FirstOrDefault(c => !c.Provisioning.Succeeded) is { } failed)
            {
                var path = paths.GetValueOrDefault((failed.Assignment.AccountId, failed.Assignment.PermissionSetId, failed.Assignment.PrincipalId), "$.assignments");
                throw new ImportStepRefusedException([new FieldError(path, $"The permission set {failed.Assignment.PermissionSetName} could not be provisioned in {failed.Assignment.AccountName}: {failed.Provisioning.FailureReason}")]);
            }
        }

        private async Task<string> GroupIdAsync(string displayName)
        {
            var normalized = DirectoryNames.Normalize(displayName);
            return await db.Groups.AsNoTracking().Where(g => g.NormalizedDisplayName == normalized).Select(g => g.Id).SingleAsync(cancellationToken);
        }
    }
}
