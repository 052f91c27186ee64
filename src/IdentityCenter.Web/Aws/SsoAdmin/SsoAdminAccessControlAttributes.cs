using System.Text.Json;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>
/// ABAC: the instance's access control attributes (Create/Describe/Update/DeleteInstanceAccessControlAttributeConfiguration)
/// through <see cref="IAccessControlAttributeService"/>, the console's Attributes for access control page. A configuration
/// exists while it has at least one attribute (IdentityCenter stores the attributes only): Create refuses when one exists
/// (<c>ConflictException</c>), Describe, Update and Delete when none does (<c>ResourceNotFoundException</c>).
/// </summary>
internal static class SsoAdminAccessControlAttributes
{
    public static void Register(IDictionary<string, AwsJsonOperation> operations)
    {
        operations["CreateInstanceAccessControlAttributeConfiguration"] = call => PutAsync(call, create: true);
        operations["UpdateInstanceAccessControlAttributeConfiguration"] = call => PutAsync(call, create: false);
        operations["DescribeInstanceAccessControlAttributeConfiguration"] = DescribeAsync;
        operations["DeleteInstanceAccessControlAttributeConfiguration"] = DeleteAsync;
    }

    private static async Task<AwsJsonResult> PutAsync(AwsJsonCall call, bool create)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var attributes = ReadConfiguration(input);
        var (context, error) = await AuthorizeAsync(call, input, instanceArn);
        if (error is not null)
        {
            return AwsJsonResult.Fail(error);
        }

        var service = call.Service<IAccessControlAttributeService>();
        var existing = await service.GetAttributesAsync(call.CancellationToken);
        if (create && existing.Count > 0)
        {
            return AwsJsonResult.Fail(SsoAdminErrors.Conflict($"Instance {context!.Instance.InstanceArn} already has an access control attribute configuration ({existing.Count} attributes); use UpdateInstanceAccessControlAttributeConfiguration to change it."));
        }

        if (!create && existing.Count == 0)
        {
            return AwsJsonResult.Fail(NoConfiguration(context!));
        }

        var saved = await service.PutAttributesAsync(attributes!, call.Actor, call.CancellationToken);
        return saved.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(saved);
    }

    private static async Task<AwsJsonResult> DescribeAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var (context, error) = await AuthorizeAsync(call, input, instanceArn);
        if (error is not null)
        {
            return AwsJsonResult.Fail(error);
        }

        var attributes = await call.Service<IAccessControlAttributeService>().GetAttributesAsync(call.CancellationToken);
        if (attributes.Count == 0)
        {
            return AwsJsonResult.Fail(NoConfiguration(context!));
        }

        return AwsJsonResult.Ok(new
        {
            Status = "ENABLED",
            InstanceAccessControlAttributeConfiguration = new
            {
                AccessControlAttributes = attributes.Select(a => new { a.Key, Value = new { Source = new[] { a.Source } } }).ToList(),
            },
        });
    }

    private static async Task<AwsJsonResult> DeleteAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var (context, error) = await AuthorizeAsync(call, input, instanceArn);
        if (error is not null)
        {
            return AwsJsonResult.Fail(error);
        }

        var service = call.Service<IAccessControlAttributeService>();
        if ((await service.GetAttributesAsync(call.CancellationToken)).Count == 0)
        {
            return AwsJsonResult.Fail(NoConfiguration(context!));
        }

        var saved = await service.PutAttributesAsync([], call.Actor, call.CancellationToken);
        return saved.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(saved);
    }

    /// <summary>Validation, then the evaluator on the instance (the action is <c>sso:</c> and the operation's name), then the instance ARN.</summary>
    private static async Task<(SsoAdminContext? Context, AwsError? Error)> AuthorizeAsync(AwsJsonCall call, SsoAdminInput input, string? instanceArn)
    {
        if (input.Error is { } invalid)
        {
            return (null, invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:" + call.Operation, [context.InstanceResource]) is { } denied)
        {
            return (null, denied);
        }

        return (context, context.CheckInstance(instanceArn));
    }

    private static AwsError NoConfiguration(SsoAdminContext context) =>
        SsoAdminErrors.NotFound($"Instance {context.Instance.InstanceArn} has no access control attribute configuration; CreateInstanceAccessControlAttributeConfiguration makes one.");

    private static List<AccessControlAttribute>? ReadConfiguration(SsoAdminInput input)
    {
        const string path = "instanceAccessControlAttributeConfiguration";
        if (input.Structure("InstanceAccessControlAttributeConfiguration", required: true) is not { } configuration)
        {
            return null;
        }

        var items = input.List("AccessControlAttributes", 0, 50, required: true, parent: configuration, path: path + ".accessControlAttributes");
        if (items is null)
        {
            return null;
        }

        var attributes = new List<AccessControlAttribute>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}.accessControlAttributes.{i + 1}.member";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                input.Problem($"Value at '{at}' failed to satisfy constraint: Member must be a structure");
                continue;
            }

            var key = input.String("Key", SsoShapes.AccessControlAttributeKey, required: true, parent: items[i], path: at + ".key");
            var value = input.Structure("Value", required: true, parent: items[i], path: at + ".value");
            var sources = value is { } v ? input.List("Source", 1, 1, required: true, parent: v, path: at + ".value.source") : null;
            if (sources is { Count: 1 } && sources[0].ValueKind == JsonValueKind.String)
            {
                var source = sources[0].GetString()!;
                input.Check(source, SsoShapes.AccessControlAttributeValueSource, at + ".value.source.1.member");
                if (key is not null)
                {
                    attributes.Add(new AccessControlAttribute(key, source));
                }
            }
        }

        return attributes;
    }
}
