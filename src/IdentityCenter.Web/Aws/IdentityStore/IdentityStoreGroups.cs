using System.Text.Json;
using IdentityCenter.Core.Administration;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>
/// The group operations (CreateGroup, DescribeGroup, UpdateGroup, DeleteGroup, ListGroups, GetGroupId) over
/// <see cref="IGroupDirectoryService"/>, the service the console uses. A group has a displayName and a description.
/// </summary>
internal static class IdentityStoreGroups
{
    public static async Task<AwsJsonResult> CreateGroupAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var displayName = input.GroupDisplayName(input.Root, "DisplayName", "displayName");
        var description = input.SensitiveString(input.Root, "Description", "description");
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope)]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var created = await call.Service<IGroupDirectoryService>().CreateGroupAsync(new GroupInput(displayName ?? "", description), call.Actor, call.CancellationToken);
        return created.Succeeded
            ? AwsJsonResult.Ok(new { GroupId = created.Value!.Id, IdentityStoreId = storeId })
            : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(created, IdentityStoreErrors.GroupType, null));
    }

    public static async Task<AwsJsonResult> DescribeGroupAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var groupId = input.ResourceId("GroupId")!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:DescribeGroup", scope, groupId: groupId)) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var group = await call.Service<IGroupDirectoryService>().GetGroupAsync(groupId, call.CancellationToken);
        return group is null ? AwsJsonResult.Fail(GroupNotFound(groupId)) : AwsJsonResult.Ok(GroupShape.From(storeId, group));
    }

    public static async Task<AwsJsonResult> UpdateGroupAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var groupId = input.ResourceId("GroupId")!;
        var operations = IdentityStoreUsers.ReadOperations(input);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:UpdateGroup", scope, groupId: groupId)) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var groups = call.Service<IGroupDirectoryService>();
        if (await groups.GetGroupAsync(groupId, call.CancellationToken) is not { } group)
        {
            return AwsJsonResult.Fail(GroupNotFound(groupId));
        }

        var change = new GroupInput(group.DisplayName, group.Description);
        foreach (var (path, value) in operations)
        {
            if (value is { ValueKind: not JsonValueKind.String })
            {
                return AwsJsonResult.Fail(IdentityStoreErrors.Validation($"The AttributeValue of '{path}' must be a string (or absent, to remove the attribute)."));
            }

            var text = value?.GetString();
            switch (path.ToLowerInvariant())
            {
                case "displayname":
                    change = change with { DisplayName = text ?? "" };
                    break;
                case "description":
                    change = change with { Description = text };
                    break;
                default:
                    return AwsJsonResult.Fail(IdentityStoreErrors.Validation($"IdentityCenter does not store the group attribute '{path}': a group has a displayName and a description. Update displayName or description."));
            }
        }

        var updated = await groups.UpdateGroupAsync(groupId, change, call.Actor, call.CancellationToken);
        return updated.Succeeded ? AwsJsonResult.Ok() : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(updated, IdentityStoreErrors.GroupType, groupId));
    }

    public static async Task<AwsJsonResult> DeleteGroupAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var groupId = input.ResourceId("GroupId")!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:DeleteGroup", scope, groupId: groupId)) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var deleted = await call.Service<IGroupDirectoryService>().DeleteGroupAsync(groupId, call.Actor, call.CancellationToken);
        return deleted.Succeeded ? AwsJsonResult.Ok() : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(deleted, IdentityStoreErrors.GroupType, groupId));
    }

    public static async Task<AwsJsonResult> ListGroupsAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var maxResults = input.MaxResults(IdentityStoreUsers.DefaultPageSize);
        var nextToken = input.NextToken();
        var filter = IdentityStoreUsers.ReadFilter(input, "DisplayName");
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllGroups]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        string? after = null;
        if (nextToken is not null && !AwsNextToken.TryDecode(call.Operation, nextToken, out after))
        {
            return AwsJsonResult.Fail(IdentityStoreUsers.InvalidNextToken(call.Operation));
        }

        var groups = call.Service<IGroupDirectoryService>();
        if (filter is not null)
        {
            var found = nextToken is null ? await groups.FindByDisplayNameAsync(filter, call.CancellationToken) : null;
            return AwsJsonResult.Ok(new { Groups = found is null ? Array.Empty<GroupShape>() : [GroupShape.From(storeId, found)] });
        }

        var page = await groups.ListGroupDetailsAsync(after, maxResults + 1, call.CancellationToken);
        var shown = page.Take(maxResults).Select(g => GroupShape.From(storeId, g)).ToList();
        return AwsJsonResult.Ok(new
        {
            Groups = shown,
            NextToken = page.Count > maxResults ? AwsNextToken.Encode(call.Operation, shown[^1].DisplayName) : null,
        });
    }

    public static async Task<AwsJsonResult> GetGroupIdAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var identifier = IdentityStoreUsers.ReadAlternateIdentifier(input);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (identifier.UniquePath is { } path && !path.Equals("displayName", StringComparison.OrdinalIgnoreCase))
        {
            return AwsJsonResult.Fail(IdentityStoreErrors.Validation($"GetGroupId finds groups by the unique attribute displayName; '{path}' is not supported. Send AlternateIdentifier.UniqueAttribute with AttributePath displayName."));
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllGroups]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        if (identifier.UniqueValue is not { } displayName)
        {
            return AwsJsonResult.Fail(IdentityStoreErrors.NotFound(IdentityStoreErrors.GroupType, null, "No group has that external id: IdentityCenter groups have no external ids. Find groups by displayName."));
        }

        var group = await call.Service<IGroupDirectoryService>().FindByDisplayNameAsync(displayName, call.CancellationToken);
        return group is null
            ? AwsJsonResult.Fail(IdentityStoreErrors.NotFound(IdentityStoreErrors.GroupType, null, $"No group is named '{displayName}'."))
            : AwsJsonResult.Ok(new { GroupId = group.Id, IdentityStoreId = storeId });
    }

    public static AwsError GroupNotFound(string groupId) =>
        IdentityStoreErrors.NotFound(IdentityStoreErrors.GroupType, groupId, $"Group {groupId} does not exist (it may have been deleted).");
}
