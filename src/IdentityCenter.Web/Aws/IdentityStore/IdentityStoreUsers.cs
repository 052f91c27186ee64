using System.Text.Json;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>
/// The user operations (CreateUser, DescribeUser, UpdateUser, DeleteUser, ListUsers, GetUserId) over
/// <see cref="IUserDirectoryService"/>, the service the console uses. IdentityCenter stores a user's userName,
/// displayName, name.givenName, name.familyName and one email address; a request that sets another attribute of the
/// model is refused with <c>ValidationException</c> naming it, so nothing sent is silently dropped.
/// </summary>
internal static class IdentityStoreUsers
{
    public const int DefaultPageSize = 100;

    private const string Stored = "IdentityCenter stores userName, displayName, name.givenName, name.familyName and one email address (value only)";

    /// <summary>Top-level CreateUser members of the model that IdentityCenter does not store.</summary>
    private static readonly string[] UnstoredMembers =
        ["NickName", "ProfileUrl", "Addresses", "PhoneNumbers", "UserType", "Title", "PreferredLanguage", "Locale", "Timezone", "Photos", "Website", "Birthdate", "Roles", "Extensions"];

    private static readonly string[] UnstoredNameParts = ["Formatted", "MiddleName", "HonorificPrefix", "HonorificSuffix"];

    public static async Task<AwsJsonResult> CreateUserAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var userName = input.UserName(input.Root, "UserName", "userName");
        var (givenName, familyName) = ReadName(input, input.Root);
        var displayName = input.SensitiveString(input.Root, "DisplayName", "displayName");
        var email = ReadEmails(input);
        RefuseUnstored(input, input.Root, UnstoredMembers, "");
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope)]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var created = await call.Service<IUserDirectoryService>().CreateUserAsync(
            new CreateUserRequest(userName ?? "", displayName ?? "", givenName, familyName, email), call.Actor, call.CancellationToken);
        return created.Succeeded
            ? AwsJsonResult.Ok(new { IdentityStoreId = storeId, UserId = created.Value!.User.Id })
            : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(created, IdentityStoreErrors.UserType, null));
    }

    public static async Task<AwsJsonResult> DescribeUserAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var userId = input.ResourceId("UserId")!;
        input.ExtensionNames();
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:DescribeUser", scope, userId), userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var user = await call.Service<IUserDirectoryService>().GetUserAsync(userId, call.CancellationToken);
        return user is null ? AwsJsonResult.Fail(UserNotFound(userId)) : AwsJsonResult.Ok(UserShape.From(storeId, user));
    }

    public static async Task<AwsJsonResult> UpdateUserAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var userId = input.ResourceId("UserId")!;
        var operations = ReadOperations(input);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:UpdateUser", scope, userId), userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var users = call.Service<IUserDirectoryService>();
        if (await users.GetUserAsync(userId, call.CancellationToken) is not { } user)
        {
            return AwsJsonResult.Fail(UserNotFound(userId));
        }

        var profile = user.Profile;
        foreach (var (path, value) in operations)
        {
            var applied = Apply(profile, user, path, value);
            if (applied.Error is { } message)
            {
                return AwsJsonResult.Fail(IdentityStoreErrors.Validation(message));
            }

            profile = applied.Profile!;
        }

        var updated = await users.UpdateUserAsync(userId, profile, call.Actor, call.CancellationToken);
        return updated.Succeeded ? AwsJsonResult.Ok() : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(updated, IdentityStoreErrors.UserType, userId));
    }

    public static async Task<AwsJsonResult> DeleteUserAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var userId = input.ResourceId("UserId")!;
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => AdministrationArns.DirectoryResources("identitystore:DeleteUser", scope, userId), userId) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        var deleted = await call.Service<IUserDirectoryService>().DeleteUserAsync(userId, call.Actor, call.CancellationToken);
        return deleted.Succeeded ? AwsJsonResult.Ok() : AwsJsonResult.Fail(IdentityStoreErrors.FromResult(deleted, IdentityStoreErrors.UserType, userId));
    }

    public static async Task<AwsJsonResult> ListUsersAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        input.ExtensionNames();
        var maxResults = input.MaxResults(DefaultPageSize);
        var nextToken = input.NextToken();
        var filter = ReadFilter(input, "UserName");
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllUsers]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        string? after = null;
        if (nextToken is not null && !AwsNextToken.TryDecode(call.Operation, nextToken, out after))
        {
            return AwsJsonResult.Fail(InvalidNextToken(call.Operation));
        }

        var users = call.Service<IUserDirectoryService>();
        if (filter is not null)
        {
            var found = nextToken is null ? await users.FindByUserNameAsync(filter, call.CancellationToken) : null;
            return AwsJsonResult.Ok(new { Users = found is null ? Array.Empty<UserShape>() : [UserShape.From(storeId, found)] });
        }

        var page = await users.ListUserDetailsAsync(after, maxResults + 1, call.CancellationToken);
        var shown = page.Take(maxResults).Select(u => UserShape.From(storeId, u)).ToList();
        return AwsJsonResult.Ok(new
        {
            Users = shown,
            NextToken = page.Count > maxResults ? AwsNextToken.Encode(call.Operation, shown[^1].UserName) : null,
        });
    }

    public static async Task<AwsJsonResult> GetUserIdAsync(AwsJsonCall call)
    {
        var input = new IdentityStoreInput(call.Input);
        var storeId = input.IdentityStoreId();
        var identifier = ReadAlternateIdentifier(input);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (identifier.UniquePath is { } path && !path.Equals("userName", StringComparison.OrdinalIgnoreCase))
        {
            return AwsJsonResult.Fail(IdentityStoreErrors.Validation($"GetUserId finds users by the unique attribute userName; '{path}' is not supported. Send AlternateIdentifier.UniqueAttribute with AttributePath userName."));
        }

        if (await IdentityStoreErrors.AuthorizeInStoreAsync(call, storeId, scope => [AdministrationArns.IdentityStore(scope), AdministrationArns.AllUsers]) is { } refused)
        {
            return AwsJsonResult.Fail(refused);
        }

        if (identifier.UniqueValue is not { } userName)
        {
            return AwsJsonResult.Fail(IdentityStoreErrors.NotFound(IdentityStoreErrors.UserType, null, "No user has that external id: IdentityCenter users have no external ids. Find users by userName."));
        }

        var user = await call.Service<IUserDirectoryService>().FindByUserNameAsync(userName, call.CancellationToken);
        return user is null
            ? AwsJsonResult.Fail(IdentityStoreErrors.NotFound(IdentityStoreErrors.UserType, null, $"No user is named '{userName}'."))
            : AwsJsonResult.Ok(new { IdentityStoreId = storeId, UserId = user.Id });
    }

    public static AwsError UserNotFound(string userId) =>
        IdentityStoreErrors.NotFound(IdentityStoreErrors.UserType, userId, $"User {userId} does not exist (it may have been deleted).");

    public static AwsError InvalidNextToken(string operation) =>
        IdentityStoreErrors.Validation($"The NextToken is not one that {operation} issued. Send the NextToken of the previous {operation} answer unchanged, or none to start from the first page.");

    /// <summary>The (deprecated) <c>Filters</c>: at most one, on <paramref name="attribute"/> only; its value, or null.</summary>
    public static string? ReadFilter(IdentityStoreInput input, string attribute)
    {
        var filters = input.List(input.Root, "Filters", "filters", required: false, 0, 1);
        if (filters is not [var filter] || input.Error is not null)
        {
            return null;
        }

        if (filter.ValueKind != JsonValueKind.Object)
        {
            input.Fail("Value at 'filters.1.member' failed to satisfy constraint: Member must be a structure");
            return null;
        }

        var path = input.AttributePath(filter, "filters.1.member.attributePath");
        var value = input.SensitiveString(filter, "AttributeValue", "filters.1.member.attributeValue", required: true);
        if (input.Error is null && !attribute.Equals(path, StringComparison.OrdinalIgnoreCase))
        {
            input.Fail($"Value '{path}' at 'filters.1.member.attributePath' failed to satisfy constraint: the only filter attribute is {attribute}");
        }

        return value;
    }

    /// <summary>The <c>AlternateIdentifier</c> union: an external id, or a unique attribute's path and string value.</summary>
    public static (string? UniquePath, string? UniqueValue) ReadAlternateIdentifier(IdentityStoreInput input)
    {
        if (input.Error is not null)
        {
            return (null, null);
        }

        var union = input.Structure(input.Root, "AlternateIdentifier", "alternateIdentifier");
        if (union is not { } identifier)
        {
            input.Fail("Value null at 'alternateIdentifier' failed to satisfy constraint: Member must not be null");
            return (null, null);
        }

        var external = input.Structure(identifier, "ExternalId", "alternateIdentifier.externalId");
        var unique = input.Structure(identifier, "UniqueAttribute", "alternateIdentifier.uniqueAttribute");
        if (input.Error is not null)
        {
            return (null, null);
        }

        if (external.HasValue == unique.HasValue)
        {
            input.Fail("Value at 'alternateIdentifier' failed to satisfy constraint: Member must set exactly one member of the union: ExternalId, UniqueAttribute");
            return (null, null);
        }

        if (external is { } id)
        {
            input.ExternalIdPart(id, "Issuer", "alternateIdentifier.externalId.issuer");
            input.ExternalIdPart(id, "Id", "alternateIdentifier.externalId.id");
            return (null, null);
        }

        var path = input.AttributePath(unique!.Value, "alternateIdentifier.uniqueAttribute.attributePath");
        if (input.Error is not null)
        {
            return (null, null);
        }

        if (!unique.Value.TryGetProperty("AttributeValue", out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            input.Fail("Value at 'alternateIdentifier.uniqueAttribute.attributeValue' failed to satisfy constraint: Member must be a non-empty string");
            return (null, null);
        }

        return (path, value.GetString());
    }

    /// <summary>The required <c>Operations</c> (1-100 of AttributePath and optional AttributeValue).</summary>
    public static IReadOnlyList<(string Path, JsonElement? Value)> ReadOperations(IdentityStoreInput input)
    {
        var operations = new List<(string, JsonElement?)>();
        var list = input.List(input.Root, "Operations", "operations", required: true, 1, 100) ?? [];
        for (var i = 0; i < list.Count && input.Error is null; i++)
        {
            var at = $"operations.{i + 1}.member";
            if (list[i].ValueKind != JsonValueKind.Object)
            {
                input.Fail($"Value at '{at}' failed to satisfy constraint: Member must be a structure");
                break;
            }

            var path = input.AttributePath(list[i], at + ".attributePath");
            JsonElement? value = list[i].TryGetProperty("AttributeValue", out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
            if (path is not null)
            {
                operations.Add((path, value));
            }
        }

        return operations;
    }

    private static (string? GivenName, string? FamilyName) ReadName(IdentityStoreInput input, JsonElement root)
    {
        if (input.Structure(root, "Name", "name") is not { } name)
        {
            return (null, null);
        }

        var givenName = input.SensitiveString(name, "GivenName", "name.givenName");
        var familyName = input.SensitiveString(name, "FamilyName", "name.familyName");
        RefuseUnstored(input, name, UnstoredNameParts, "name.");
        return (givenName, familyName);
    }

    private static string? ReadEmails(IdentityStoreInput input)
    {
        var emails = input.List(input.Root, "Emails", "emails", required: false, 1, 1);
        if (emails is not [var email] || input.Error is not null)
        {
            return null;
        }

        if (email.ValueKind != JsonValueKind.Object)
        {
            input.Fail("Value at 'emails.1.member' failed to satisfy constraint: Member must be a structure");
            return null;
        }

        var value = input.SensitiveString(email, "Value", "emails.1.member.value");
        input.SensitiveString(email, "Type", "emails.1.member.type");
        var primary = input.Boolean(email, "Primary", "emails.1.member.primary");
        if (input.Error is null && (email.TryGetProperty("Type", out var type) && type.ValueKind != JsonValueKind.Null || primary == true))
        {
            input.Fail($"IdentityCenter does not store an email's type or primary flag: {Stored}. Send Emails with Value only.");
        }

        return value;
    }

    private static void RefuseUnstored(IdentityStoreInput input, JsonElement container, IEnumerable<string> members, string prefix)
    {
        foreach (var member in members)
        {
            if (input.Error is null && container.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                input.Fail($"IdentityCenter does not store the user attribute '{prefix}{IdentityStoreInput.Camel(member)}': {Stored}. Leave {prefix}{member} out.");
            }
        }
    }

    /// <summary>
    /// One UpdateUser operation applied to <paramref name="profile"/>: <c>displayName</c>, <c>name.givenName</c>,
    /// <c>name.familyName</c>, <c>name</c> (an object of those two), <c>emails</c> (a list of at most one object with
    /// <c>value</c>) and <c>userName</c> (only to its current value: IdentityCenter user names never change). No value removes
    /// the attribute. Paths compare without regard to case, as the service's do.
    /// </summary>
    private static (UserProfile? Profile, string? Error) Apply(UserProfile profile, UserDetail user, string path, JsonElement? value)
    {
        switch (path.ToLowerInvariant())
        {
            case "displayname":
                return SetText(path, value, text => profile with { DisplayName = text ?? "" });
            case "name.givenname":
                return SetText(path, value, text => profile with { GivenName = text });
            case "name.familyname":
                return SetText(path, value, text => profile with { FamilyName = text });
            case "name":
                return ApplyName(profile, value);
            case "emails":
                return ApplyEmails(profile, value);
            case "username":
                var userName = StringValue(path, value);
                return userName.Error is null && string.Equals(userName.Value, user.UserName, StringComparison.Ordinal)
                    ? (profile, null)
                    : (null, userName.Error ?? "IdentityCenter user names never change: leave userName out of Operations (to rename, create a new user).");
            default:
                return (null, $"IdentityCenter does not store the user attribute '{path}': {Stored}. Update displayName, name.givenName, name.familyName, name or emails.");
        }
    }

    private static (UserProfile? Profile, string? Error) SetText(string path, JsonElement? value, Func<string?, UserProfile> set)
    {
        var (text, error) = StringValue(path, value);
        return error is null ? (set(text), null) : (null, error);
    }

    private static (string? Value, string? Error) StringValue(string path, JsonElement? value) => value switch
    {
        null => (null, null),
        { ValueKind: JsonValueKind.String } text => (text.GetString(), null),
        _ => (null, $"The AttributeValue of '{path}' must be a string (or absent, to remove the attribute)."),
    };

    private static (UserProfile? Profile, string? Error) ApplyName(UserProfile profile, JsonElement? value)
    {
        if (value is null)
        {
            return (profile with { GivenName = null, FamilyName = null }, null);
        }

        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            return (null, "The AttributeValue of 'name' must be an object such as {\"givenName\": \"Ana\", \"familyName\": \"Silva\"}.");
        }

        string? given = null, family = null;
        foreach (var part in value.Value.EnumerateObject())
        {
            var (text, error) = StringValue("name." + part.Name, part.Value.ValueKind == JsonValueKind.Null ? null : part.Value);
            if (error is not null)
            {
                return (null, error);
            }

            switch (part.Name.ToLowerInvariant())
            {
                case "givenname":
                    given = text;
                    break;
                case "familyname":
                    family = text;
                    break;
                default:
                    if (text is not null)
                    {
                        return (null, $"IdentityCenter does not store the user attribute 'name.{part.Name}': {Stored}.");
                    }

                    break;
            }
        }

        return (profile with { GivenName = given, FamilyName = family }, null);
    }

    private static (UserProfile? Profile, string? Error) ApplyEmails(UserProfile profile, JsonElement? value)
    {
        if (value is null || value.Value.ValueKind == JsonValueKind.Array && value.Value.GetArrayLength() == 0)
        {
            return (profile with { Email = null }, null);
        }

        if (value.Value.ValueKind != JsonValueKind.Array || value.Value.GetArrayLength() > 1 || value.Value[0].ValueKind != JsonValueKind.Object)
        {
            return (null, "The AttributeValue of 'emails' must be a list of at most one object such as [{\"value\": \"ana@example.com\"}].");
        }

        string? email = null;
        foreach (var part in value.Value[0].EnumerateObject())
        {
            switch (part.Name.ToLowerInvariant())
            {
                case "value":
                    var (text, error) = StringValue("emails.value", part.Value.ValueKind == JsonValueKind.Null ? null : part.Value);
                    if (error is not null)
                    {
                        return (null, error);
                    }

                    email = text;
                    break;
                case "primary" when part.Value.ValueKind is JsonValueKind.False or JsonValueKind.Null:
                case "type" when part.Value.ValueKind is JsonValueKind.Null:
                    break;
                default:
                    return (null, $"IdentityCenter does not store an email's '{part.Name}': {Stored}. Send [{{\"value\": \"...\"}}].");
            }
        }

        return (profile with { Email = email }, null);
    }
}
