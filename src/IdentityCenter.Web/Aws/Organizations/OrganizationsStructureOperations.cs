using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using static IdentityCenter.Web.Aws.Organizations.OrganizationsAccess;
using static IdentityCenter.Web.Aws.Organizations.OrganizationsRequest;

namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>
/// The organization, its root, OUs and accounts: DescribeOrganization, ListRoots, ListAccounts, DescribeAccount,
/// ListAccountsForParent, ListOrganizationalUnitsForParent, DescribeOrganizationalUnit, ListChildren, ListParents,
/// Create/Update/DeleteOrganizationalUnit, MoveAccount, ListTagsForResource and CreateOrganization, over <see cref="IOrganizationService"/>
/// (the console's service: the same rules and messages).
/// </summary>
internal static class OrganizationsStructureOperations
{
    private const string ParentHint = "pass the root id (r-…) or an OU id (ou-…-…).";
    private const string OuHint = "pass an OU id such as ou-ab12-cd34ef56.";
    private const string AccountHint = "pass a 12-digit account id.";

    public static void Register(IDictionary<string, AwsJsonOperation> operations)
    {
        operations["CreateOrganization"] = CreateOrganizationAsync;
        operations["DescribeOrganization"] = DescribeOrganizationAsync;
        operations["ListRoots"] = ListRootsAsync;
        operations["ListAccounts"] = ListAccountsAsync;
        operations["DescribeAccount"] = DescribeAccountAsync;
        operations["ListAccountsForParent"] = ListAccountsForParentAsync;
        operations["ListOrganizationalUnitsForParent"] = ListOrganizationalUnitsForParentAsync;
        operations["DescribeOrganizationalUnit"] = DescribeOrganizationalUnitAsync;
        operations["ListChildren"] = ListChildrenAsync;
        operations["ListParents"] = ListParentsAsync;
        operations["CreateOrganizationalUnit"] = CreateOrganizationalUnitAsync;
        operations["UpdateOrganizationalUnit"] = UpdateOrganizationalUnitAsync;
        operations["DeleteOrganizationalUnit"] = DeleteOrganizationalUnitAsync;
        operations["MoveAccount"] = MoveAccountAsync;
        operations["ListTagsForResource"] = ListTagsForResourceAsync;
    }

    /// <summary>The organization as the service shows it (null: none yet).</summary>
    internal static async Task<(OrganizationView View, OrganizationTree Tree)?> LoadAsync(AwsJsonCall call)
    {
        var organizations = call.Service<IOrganizationService>();
        var tree = await organizations.GetTreeAsync(call.CancellationToken);
        var view = tree is null ? null : await organizations.GetOrganizationAsync(call.CancellationToken);
        return view is null ? null : (view, tree!);
    }

    internal static bool IsContainer(OrganizationTree tree, string id) => id == tree.RootId || tree.FindOrganizationalUnit(id) is not null;

    private static AwsJsonResult Fail(AwsError error) => AwsJsonResult.Fail(error);

    private static AwsError NotFound(string code, string message) => new(code, message, StatusCodes.Status400BadRequest);

    private static AwsError ParentNotFound(string parentId) =>
        NotFound("ParentNotFoundException", $"Parent {parentId} is neither the root nor an OU of this organization; find the ids with ListRoots and ListOrganizationalUnitsForParent.");

    private static AwsError OrganizationalUnitNotFound(string unitId) =>
        NotFound("OrganizationalUnitNotFoundException", $"OU {unitId} does not exist in this organization; find OU ids with ListOrganizationalUnitsForParent.");

    /// <summary>
    /// Creates the organization (all features) with the caller's account as its management account, as AWS does: the
    /// account is named "Management" and takes the caller's email (a caller without one is told to add it first).
    /// </summary>
    private static async Task<AwsJsonResult> CreateOrganizationAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var featureSet = request.Enum("FeatureSet", required: false, ["ALL", "CONSOLIDATED_BILLING"]);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "CreateOrganization") is { } denied)
        {
            return Fail(denied);
        }

        if (featureSet == "CONSOLIDATED_BILLING")
        {
            return Fail(InvalidInputError("INVALID_ENUM", "IdentityCenter organizations always have all features (SCPs and RCPs); send FeatureSet ALL or leave it out."));
        }

        var organizations = call.Service<IOrganizationService>();
        if (await organizations.GetTreeAsync(call.CancellationToken) is not null)
        {
            return Fail(new AwsError("AlreadyInOrganizationException",
                "The organization already exists; IdentityCenter manages exactly one (see DescribeOrganization).", StatusCodes.Status400BadRequest));
        }

        var user = await call.Service<IUserDirectoryService>().GetUserAsync(call.Caller.UserId, call.CancellationToken);
        if (string.IsNullOrWhiteSpace(user?.Email))
        {
            return Fail(new AwsError("ConstraintViolationException",
                $"The management account takes the caller's email, and user {call.Caller.UserName} has none; add an email to the user (or create the organization in the console) first.",
                StatusCodes.Status400BadRequest)
            {
                Members = new Dictionary<string, string> { ["Reason"] = "MASTER_ACCOUNT_MISSING_CONTACT_INFO" },
            });
        }

        var result = await organizations.CreateOrganizationAsync(new OrganizationInput("Management", user.Email), call.Actor, call.CancellationToken);
        if (!result.Succeeded)
        {
            return result.ErrorKind == OperationErrorKind.Conflict
                ? Fail(new AwsError("AlreadyInOrganizationException", result.Summary, StatusCodes.Status400BadRequest))
                : OrganizationsAccess.Fail(result, NotInUseCode);
        }

        var view = (await organizations.GetOrganizationAsync(call.CancellationToken))!;
        return AwsJsonResult.Ok(new { Organization = OrganizationsShapes.Organization(view.Organization, view.Accounts.FirstOrDefault(a => a.IsManagement)) });
    }

    private static async Task<AwsJsonResult> DescribeOrganizationAsync(AwsJsonCall call)
    {
        if (await AuthorizeAsync(call, "DescribeOrganization") is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (var view, _))
        {
            return Fail(NotInUse);
        }

        var management = view.Accounts.FirstOrDefault(a => a.IsManagement);
        return AwsJsonResult.Ok(new { Organization = OrganizationsShapes.Organization(view.Organization, management) });
    }

    private static async Task<AwsJsonResult> ListRootsAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListRoots") is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (_, var tree))
        {
            return Fail(NotInUse);
        }

        var scope = await call.ScopeAsync();
        var (roots, next) = request.Page([OrganizationsShapes.Root(tree, AdministrationArns.Root(scope, tree.RootId))], offset, max);
        return AwsJsonResult.Ok(new { Roots = roots, NextToken = next });
    }

    private static async Task<AwsJsonResult> ListAccountsAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListAccounts") is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        var (accounts, next) = request.Page(view.Accounts.Select(a => OrganizationsShapes.Account(tree, a)).ToList(), offset, max);
        return AwsJsonResult.Ok(new { Accounts = accounts, NextToken = next });
    }

    private static async Task<AwsJsonResult> DescribeAccountAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var accountId = request.String("AccountId", required: true, max: 12, pattern: AccountIdPattern(), hint: AccountHint);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "DescribeAccount", s => [AdministrationArns.OrganizationAccount(s, accountId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        return view.Accounts.FirstOrDefault(a => a.Id == accountId) is { } account
            ? AwsJsonResult.Ok(new { Account = OrganizationsShapes.Account(tree, account) })
            : Fail(NotFound("AccountNotFoundException", $"Account {accountId} is not in this organization; list its accounts with ListAccounts."));
    }

    private static async Task<AwsJsonResult> ListAccountsForParentAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var parentId = request.String("ParentId", required: true, max: 100, pattern: ParentIdPattern(), hint: ParentHint);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListAccountsForParent", s => [TargetArn(s, parentId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        if (!IsContainer(tree, parentId!))
        {
            return Fail(ParentNotFound(parentId!));
        }

        var (accounts, next) = request.Page(
            view.Accounts.Where(a => a.ParentId == parentId).Select(a => OrganizationsShapes.Account(tree, a)).ToList(), offset, max);
        return AwsJsonResult.Ok(new { Accounts = accounts, NextToken = next });
    }

    private static async Task<AwsJsonResult> ListOrganizationalUnitsForParentAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var parentId = request.String("ParentId", required: true, max: 100, pattern: ParentIdPattern(), hint: ParentHint);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListOrganizationalUnitsForParent", s => [TargetArn(s, parentId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        if (!IsContainer(tree, parentId!))
        {
            return Fail(ParentNotFound(parentId!));
        }

        var (units, next) = request.Page(
            view.OrganizationalUnits.Where(u => u.ParentId == parentId).Select(u => OrganizationsShapes.OrganizationalUnit(tree, u)).ToList(), offset, max);
        return AwsJsonResult.Ok(new { OrganizationalUnits = units, NextToken = next });
    }

    private static async Task<AwsJsonResult> DescribeOrganizationalUnitAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var unitId = request.String("OrganizationalUnitId", required: true, max: 68, pattern: OrganizationalUnitIdPattern(), hint: OuHint);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "DescribeOrganizationalUnit", s => [AdministrationArns.OrganizationalUnit(s, unitId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        return view.OrganizationalUnits.FirstOrDefault(u => u.Id == unitId) is { } unit
            ? AwsJsonResult.Ok(new { OrganizationalUnit = OrganizationsShapes.OrganizationalUnit(tree, unit) })
            : Fail(OrganizationalUnitNotFound(unitId!));
    }

    private static async Task<AwsJsonResult> ListChildrenAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var parentId = request.String("ParentId", required: true, max: 100, pattern: ParentIdPattern(), hint: ParentHint);
        var childType = request.Enum("ChildType", required: true, [OrganizationsShapes.ChildAccount, OrganizationsShapes.ChildOrganizationalUnit]);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListChildren", s => [TargetArn(s, parentId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (_, var tree))
        {
            return Fail(NotInUse);
        }

        if (!IsContainer(tree, parentId!))
        {
            return Fail(ParentNotFound(parentId!));
        }

        var children = childType == OrganizationsShapes.ChildAccount
            ? tree.GetChildAccounts(parentId!).Select(a => new ChildShape(a.Id, childType)).ToList()
            : tree.GetChildUnits(parentId!).Select(u => new ChildShape(u.Id, childType!)).ToList();
        var (page, next) = request.Page(children, offset, max);
        return AwsJsonResult.Ok(new { Children = page, NextToken = next });
    }

    private static async Task<AwsJsonResult> ListParentsAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var childId = request.String("ChildId", required: true, max: 100, pattern: ChildIdPattern(), hint: "pass a 12-digit account id or an OU id (ou-…-…).");
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListParents", s => [TargetArn(s, childId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (_, var tree))
        {
            return Fail(NotInUse);
        }

        var parentId = tree.FindOrganizationalUnit(childId!)?.ParentId ?? tree.GetParentOfAccount(childId!);
        if (parentId is null)
        {
            return Fail(NotFound("ChildNotFoundException", $"{childId} is neither an account nor an OU of this organization."));
        }

        var (parents, next) = request.Page([OrganizationsShapes.Parent(tree, parentId)], offset, max);
        return AwsJsonResult.Ok(new { Parents = parents, NextToken = next });
    }

    private static async Task<AwsJsonResult> CreateOrganizationalUnitAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var parentId = request.String("ParentId", required: true, max: 100, pattern: ParentIdPattern(), hint: ParentHint);
        var name = request.String("Name", required: true, min: 1, max: 128);
        var tags = request.Tags();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "CreateOrganizationalUnit", s => [TargetArn(s, parentId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (tags.Count > 0)
        {
            return Fail(TagsNotStored());
        }

        var organizations = call.Service<IOrganizationService>();
        var result = await organizations.CreateOrganizationalUnitAsync(parentId!, name!, call.Actor, call.CancellationToken);
        if (!result.Succeeded)
        {
            return OrganizationsAccess.Fail(result, "ParentNotFoundException", "OU_DEPTH_LIMIT_EXCEEDED");
        }

        var tree = (await organizations.GetTreeAsync(call.CancellationToken))!;
        return AwsJsonResult.Ok(new { OrganizationalUnit = OrganizationsShapes.OrganizationalUnit(tree, result.Value!) });
    }

    private static async Task<AwsJsonResult> UpdateOrganizationalUnitAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var unitId = request.String("OrganizationalUnitId", required: true, max: 68, pattern: OrganizationalUnitIdPattern(), hint: OuHint);
        var name = request.String("Name", required: false, min: 1, max: 128);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "UpdateOrganizationalUnit", s => [AdministrationArns.OrganizationalUnit(s, unitId!)]) is { } denied)
        {
            return Fail(denied);
        }

        var organizations = call.Service<IOrganizationService>();
        if (name is not null)
        {
            var result = await organizations.RenameOrganizationalUnitAsync(unitId!, name, call.Actor, call.CancellationToken);
            if (!result.Succeeded)
            {
                return OrganizationsAccess.Fail(result, "OrganizationalUnitNotFoundException");
            }
        }

        if (await LoadAsync(call) is not (var view, var tree))
        {
            return Fail(NotInUse);
        }

        return view.OrganizationalUnits.FirstOrDefault(u => u.Id == unitId) is { } unit
            ? AwsJsonResult.Ok(new { OrganizationalUnit = OrganizationsShapes.OrganizationalUnit(tree, unit) })
            : Fail(OrganizationalUnitNotFound(unitId!));
    }

    private static async Task<AwsJsonResult> DeleteOrganizationalUnitAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var unitId = request.String("OrganizationalUnitId", required: true, max: 68, pattern: OrganizationalUnitIdPattern(), hint: OuHint);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "DeleteOrganizationalUnit", s => [AdministrationArns.OrganizationalUnit(s, unitId!)]) is { } denied)
        {
            return Fail(denied);
        }

        var result = await call.Service<IOrganizationService>().DeleteOrganizationalUnitAsync(unitId!, call.Actor, call.CancellationToken);
        return result.Succeeded ? AwsJsonResult.Ok() : OrganizationsAccess.Fail(result, "OrganizationalUnitNotFoundException");
    }

    private static async Task<AwsJsonResult> MoveAccountAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var accountId = request.String("AccountId", required: true, max: 12, pattern: AccountIdPattern(), hint: AccountHint);
        var sourceId = request.String("SourceParentId", required: true, max: 100, pattern: ParentIdPattern(), hint: ParentHint);
        var destinationId = request.String("DestinationParentId", required: true, max: 100, pattern: ParentIdPattern(), hint: ParentHint);
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "MoveAccount", s =>
                [AdministrationArns.OrganizationAccount(s, accountId!), TargetArn(s, sourceId!), TargetArn(s, destinationId!)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (_, var tree))
        {
            return Fail(NotInUse);
        }

        // The model's order of checks: the source parent must exist and hold the account (the service moves from where the account is).
        if (!IsContainer(tree, sourceId!))
        {
            return Fail(NotFound("SourceParentNotFoundException", $"Source parent {sourceId} is neither the root nor an OU of this organization."));
        }

        if (tree.FindAccount(accountId!) is not null && tree.GetParentOfAccount(accountId!) is { } current && current != sourceId)
        {
            return Fail(NotFound("AccountNotFoundException", $"Account {accountId} is not in {sourceId} (it is in {current}); pass its current parent as SourceParentId."));
        }

        var result = await call.Service<IOrganizationService>().MoveAccountAsync(accountId!, destinationId!, call.Actor, call.CancellationToken);
        return result.Succeeded ? AwsJsonResult.Ok() : OrganizationsAccess.Fail(result, "AccountNotFoundException");
    }

    private static async Task<AwsJsonResult> ListTagsForResourceAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var resourceId = request.String("ResourceId", required: true, max: 130, pattern: TaggableResourceIdPattern(),
            hint: "pass a root, OU, account or policy id.", patternReason: "INVALID_PATTERN_TARGET_ID");
        request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        var organizations = call.Service<IOrganizationService>();
        var policy = resourceId!.StartsWith("p-", StringComparison.Ordinal) ? await organizations.GetPolicyAsync(resourceId, call.CancellationToken) : null;
        var unsupported = resourceId.StartsWith("rp-", StringComparison.Ordinal) || resourceId.StartsWith("rt-", StringComparison.Ordinal);
        if (await AuthorizeAsync(call, "ListTagsForResource", s =>
                [resourceId.StartsWith("p-", StringComparison.Ordinal) ? PolicyArn(s, resourceId, policy) : unsupported ? "*" : TargetArn(s, resourceId)]) is { } denied)
        {
            return Fail(denied);
        }

        if (await LoadAsync(call) is not (_, var tree))
        {
            return Fail(NotInUse);
        }

        var exists = policy is not null || IsContainer(tree, resourceId) || tree.FindAccount(resourceId) is not null;
        return exists
            ? AwsJsonResult.Ok(new { Tags = Array.Empty<TagShape>() })
            : Fail(NotFound("TargetNotFoundException", $"{resourceId} is not the root, an OU, an account or a policy of this organization."));
    }

    /// <summary>IdentityCenter keeps no tags on organization resources: a request that sets some is refused rather than losing them.</summary>
    internal static AwsError TagsNotStored() => new("ConstraintViolationException",
        "IdentityCenter stores no tags on organization resources (its tag limit is 0); send the request without Tags.", StatusCodes.Status400BadRequest)
    {
        Members = new Dictionary<string, string> { ["Reason"] = "MAX_TAG_LIMIT_EXCEEDED" },
    };
}
