using System.Text.Json;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>
/// The instance and permission set operations of sso-admin: instances, permission sets, their AWS managed and customer
/// managed policies, inline policy, permissions boundary and tags. Each one validates the request against the model,
/// asks the shared evaluator (<see cref="AwsJsonCall.AuthorizeAsync"/>) with the resources the Service Authorization
/// Reference lists for its action, and then calls <see cref="IPermissionSetService"/>, the console's service, so both
/// doors apply the same rules with the same messages (and the same audit events).
/// </summary>
internal static class SsoAdminPermissionSets
{
    public static void Register(IDictionary<string, AwsJsonOperation> operations)
    {
        operations["ListInstances"] = ListInstancesAsync;
        operations["DescribeInstance"] = DescribeInstanceAsync;
        operations["CreatePermissionSet"] = CreatePermissionSetAsync;
        operations["DescribePermissionSet"] = DescribePermissionSetAsync;
        operations["UpdatePermissionSet"] = UpdatePermissionSetAsync;
        operations["DeletePermissionSet"] = DeletePermissionSetAsync;
        operations["ListPermissionSets"] = ListPermissionSetsAsync;
        operations["AttachManagedPolicyToPermissionSet"] = AttachManagedPolicyAsync;
        operations["DetachManagedPolicyFromPermissionSet"] = DetachManagedPolicyAsync;
        operations["ListManagedPoliciesInPermissionSet"] = ListManagedPoliciesAsync;
        operations["PutInlinePolicyToPermissionSet"] = PutInlinePolicyAsync;
        operations["GetInlinePolicyForPermissionSet"] = GetInlinePolicyAsync;
        operations["DeleteInlinePolicyFromPermissionSet"] = DeleteInlinePolicyAsync;
        operations["AttachCustomerManagedPolicyReferenceToPermissionSet"] = AttachCustomerManagedPolicyReferenceAsync;
        operations["DetachCustomerManagedPolicyReferenceFromPermissionSet"] = DetachCustomerManagedPolicyReferenceAsync;
        operations["ListCustomerManagedPolicyReferencesInPermissionSet"] = ListCustomerManagedPolicyReferencesAsync;
        operations["PutPermissionsBoundaryToPermissionSet"] = PutPermissionsBoundaryAsync;
        operations["GetPermissionsBoundaryForPermissionSet"] = GetPermissionsBoundaryAsync;
        operations["DeletePermissionsBoundaryFromPermissionSet"] = DeletePermissionsBoundaryAsync;
        operations["TagResource"] = TagResourceAsync;
        operations["UntagResource"] = UntagResourceAsync;
        operations["ListTagsForResource"] = ListTagsForResourceAsync;
    }

    private static IPermissionSetService PermissionSets(AwsJsonCall call) => call.Service<IPermissionSetService>();

    private static async Task<AwsJsonResult> ListInstancesAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        if (await call.AuthorizeAsync("sso:ListInstances", ["*"]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        var (items, next) = SsoAdminWire.Page(new[] { InstanceOutput(context) }, call.Operation, paging);
        return AwsJsonResult.Ok(new { Instances = items, NextToken = next });
    }

    private static async Task<AwsJsonResult> DescribeInstanceAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:DescribeInstance", [context.InstanceResource]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        return context.CheckInstance(instanceArn) is { } wrong ? AwsJsonResult.Fail(wrong) : AwsJsonResult.Ok(InstanceOutput(context));
    }

    private static InstanceMetadata InstanceOutput(SsoAdminContext context) =>
        new(context.Instance.InstanceArn, context.Scope.IdentityStoreId, context.Scope.AccountId, "ACTIVE");

    private sealed record InstanceMetadata(string InstanceArn, string IdentityStoreId, string OwnerAccountId, string Status);

    private static async Task<AwsJsonResult> CreatePermissionSetAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var name = input.String("Name", SsoShapes.PermissionSetName, required: true);
        var description = input.String("Description", SsoShapes.PermissionSetDescription);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var sessionDuration = input.String("SessionDuration", SsoShapes.Duration);
        var relayState = input.String("RelayState", SsoShapes.RelayState);
        var tags = ReadTags(input, "Tags", required: false);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:CreatePermissionSet", [context.InstanceResource], requestKeys: TagKeys(tags, tags?.Select(t => t.Key))) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        var created = await PermissionSets(call).CreateAsync(
            new PermissionSetInput(name!, description, sessionDuration, relayState, Tags: tags), call.Actor, call.CancellationToken);
        return created.Succeeded ? AwsJsonResult.Ok(new { PermissionSet = Output(created.Value!) }) : SsoAdminErrors.Fail(created);
    }

    private static Task<AwsJsonResult> DescribePermissionSetAsync(AwsJsonCall call) =>
        OnPermissionSetAsync(call, "sso:DescribePermissionSet", new SsoAdminInput(call.Input), (_, detail) =>
            Task.FromResult(AwsJsonResult.Ok(new { PermissionSet = Output(detail) })));

    private static Task<AwsJsonResult> UpdatePermissionSetAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var description = input.String("Description", SsoShapes.PermissionSetDescription);
        var sessionDuration = input.String("SessionDuration", SsoShapes.Duration);
        var relayState = input.String("RelayState", SsoShapes.RelayState);
        return OnPermissionSetAsync(call, "sso:UpdatePermissionSet", input, async (_, detail) =>
        {
            // As in AWS, a description or session duration left out keeps its value, but a relay state left out is cleared
            // (hashicorp/terraform-provider-aws#17411: clients send RelayState on every update).
            var current = detail.PermissionSet;
            var settings = new PermissionSetSettings(
                description ?? current.Description,
                sessionDuration ?? SessionDuration.Format(current.SessionDuration),
                relayState);
            var updated = await PermissionSets(call).UpdateAsync(current.Id, settings, call.Actor, call.CancellationToken);
            return updated.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(updated);
        });
    }

    private static Task<AwsJsonResult> DeletePermissionSetAsync(AwsJsonCall call) =>
        OnPermissionSetAsync(call, "sso:DeletePermissionSet", new SsoAdminInput(call.Input), async (_, detail) =>
        {
            var deleted = await PermissionSets(call).DeleteAsync(detail.PermissionSet.Id, call.Actor, removeAssignments: false, call.CancellationToken);
            return deleted.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(deleted);
        });

    private static async Task<AwsJsonResult> ListPermissionSetsAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:ListPermissionSets", [context.InstanceResource]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        var all = await PermissionSets(call).ListAsync(call.CancellationToken);
        var (items, next) = SsoAdminWire.Page(all.Select(p => context.PermissionSetArn(p.Id)).ToList(), call.Operation, paging);
        return AwsJsonResult.Ok(new { PermissionSets = items, NextToken = next });
    }

    private static Task<AwsJsonResult> AttachManagedPolicyAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var arn = input.String("ManagedPolicyArn", SsoShapes.ManagedPolicyArn, required: true);
        return EditAsync(call, "sso:AttachManagedPolicyToPermissionSet", input, id => PermissionSets(call).AttachManagedPolicyAsync(id, arn!, call.Actor, call.CancellationToken));
    }

    private static Task<AwsJsonResult> DetachManagedPolicyAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var arn = input.String("ManagedPolicyArn", SsoShapes.ManagedPolicyArn, required: true);
        return EditAsync(call, "sso:DetachManagedPolicyFromPermissionSet", input, id => PermissionSets(call).DetachManagedPolicyAsync(id, arn!, call.Actor, call.CancellationToken));
    }

    private static Task<AwsJsonResult> ListManagedPoliciesAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        return OnPermissionSetAsync(call, "sso:ListManagedPoliciesInPermissionSet", input, (_, detail) =>
        {
            var all = detail.PermissionSet.ManagedPolicyArns
                .Select(arn => new { Name = ManagedPolicyCatalog.Default.FindByArn(arn)?.Name ?? arn[(arn.LastIndexOf('/') + 1)..], Arn = arn })
                .ToList();
            var (items, next) = SsoAdminWire.Page(all, call.Operation, paging);
            return Task.FromResult(AwsJsonResult.Ok(new { AttachedManagedPolicies = items, NextToken = next }));
        });
    }

    private static Task<AwsJsonResult> PutInlinePolicyAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var document = input.String("InlinePolicy", SsoShapes.PolicyDocument, required: true);
        return EditAsync(call, "sso:PutInlinePolicyToPermissionSet", input, id => PermissionSets(call).PutInlinePolicyAsync(id, document!, call.Actor, call.CancellationToken));
    }

    private static Task<AwsJsonResult> GetInlinePolicyAsync(AwsJsonCall call) =>
        OnPermissionSetAsync(call, "sso:GetInlinePolicyForPermissionSet", new SsoAdminInput(call.Input), (_, detail) =>
            Task.FromResult(AwsJsonResult.Ok(new { InlinePolicy = detail.PermissionSet.InlinePolicy })));

    private static Task<AwsJsonResult> DeleteInlinePolicyAsync(AwsJsonCall call) =>
        EditAsync(call, "sso:DeleteInlinePolicyFromPermissionSet", new SsoAdminInput(call.Input), id => PermissionSets(call).DeleteInlinePolicyAsync(id, call.Actor, call.CancellationToken));

    private static Task<AwsJsonResult> AttachCustomerManagedPolicyReferenceAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var reference = ReadReference(input, input.Structure("CustomerManagedPolicyReference", required: true), "customerManagedPolicyReference");
        return EditAsync(call, "sso:AttachCustomerManagedPolicyReferenceToPermissionSet", input, id => PermissionSets(call).AttachCustomerManagedPolicyReferenceAsync(id, reference!, call.Actor, call.CancellationToken));
    }

    private static Task<AwsJsonResult> DetachCustomerManagedPolicyReferenceAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var reference = ReadReference(input, input.Structure("CustomerManagedPolicyReference", required: true), "customerManagedPolicyReference");
        return EditAsync(call, "sso:DetachCustomerManagedPolicyReferenceFromPermissionSet", input, id => PermissionSets(call).DetachCustomerManagedPolicyReferenceAsync(id, reference!, call.Actor, call.CancellationToken));
    }

    private static Task<AwsJsonResult> ListCustomerManagedPolicyReferencesAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        return OnPermissionSetAsync(call, "sso:ListCustomerManagedPolicyReferencesInPermissionSet", input, (_, detail) =>
        {
            var (items, next) = SsoAdminWire.Page(detail.PermissionSet.CustomerManagedPolicyReferences.Select(r => new { r.Name, r.Path }).ToList(), call.Operation, paging);
            return Task.FromResult(AwsJsonResult.Ok(new { CustomerManagedPolicyReferences = items, NextToken = next }));
        });
    }

    private static Task<AwsJsonResult> PutPermissionsBoundaryAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var boundary = input.Structure("PermissionsBoundary", required: true);
        PermissionsBoundary? value = null;
        if (boundary is { } b)
        {
            var reference = ReadReference(input, input.Structure("CustomerManagedPolicyReference", parent: b, path: "permissionsBoundary.customerManagedPolicyReference"), "permissionsBoundary.customerManagedPolicyReference");
            var arn = input.String("ManagedPolicyArn", SsoShapes.ManagedPolicyArn, parent: b, path: "permissionsBoundary.managedPolicyArn");
            if ((reference is null) == (arn is null))
            {
                input.Problem("PermissionsBoundary must have exactly one of ManagedPolicyArn (an AWS managed policy) or CustomerManagedPolicyReference (Name and Path)");
            }
            else
            {
                value = arn is not null ? PermissionsBoundary.FromManagedPolicy(arn) : PermissionsBoundary.FromCustomerManagedPolicy(reference!);
            }
        }

        return EditAsync(call, "sso:PutPermissionsBoundaryToPermissionSet", input, id => PermissionSets(call).PutPermissionsBoundaryAsync(id, value!, call.Actor, call.CancellationToken));
    }

    private static Task<AwsJsonResult> GetPermissionsBoundaryAsync(AwsJsonCall call) =>
        OnPermissionSetAsync(call, "sso:GetPermissionsBoundaryForPermissionSet", new SsoAdminInput(call.Input), (_, detail) =>
        {
            if (detail.PermissionSet.PermissionsBoundary is not { } boundary)
            {
                return Task.FromResult(AwsJsonResult.Fail(SsoAdminErrors.NotFound($"Permission set {detail.PermissionSet.Name} has no permissions boundary; PutPermissionsBoundaryToPermissionSet sets one.")));
            }

            var reference = boundary.CustomerManagedPolicyReference;
            return Task.FromResult(AwsJsonResult.Ok(new
            {
                PermissionsBoundary = new
                {
                    boundary.ManagedPolicyArn,
                    CustomerManagedPolicyReference = reference is null ? null : new { reference.Name, reference.Path },
                },
            }));
        });

    private static Task<AwsJsonResult> DeletePermissionsBoundaryAsync(AwsJsonCall call) =>
        EditAsync(call, "sso:DeletePermissionsBoundaryFromPermissionSet", new SsoAdminInput(call.Input), id => PermissionSets(call).DeletePermissionsBoundaryAsync(id, call.Actor, call.CancellationToken));

    private static async Task<AwsJsonResult> TagResourceAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn);
        var resourceArn = input.String("ResourceArn", SsoShapes.TaggableResourceArn, required: true);
        var tags = ReadTags(input, "Tags", required: true);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        return await OnTaggableAsync(call, "sso:TagResource", instanceArn, resourceArn!, TagKeys(tags, tags!.Select(t => t.Key)), async id =>
        {
            var tagged = await PermissionSets(call).TagAsync(id!, tags!, call.Actor, call.CancellationToken);
            return tagged.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(tagged);
        });
    }

    private static async Task<AwsJsonResult> UntagResourceAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn);
        var resourceArn = input.String("ResourceArn", SsoShapes.TaggableResourceArn, required: true);
        var keys = input.Strings("TagKeys", SsoShapes.TagKey, 1, 75, required: true);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        return await OnTaggableAsync(call, "sso:UntagResource", instanceArn, resourceArn!, TagKeys(null, keys), async id =>
        {
            var untagged = await PermissionSets(call).UntagAsync(id!, keys!, call.Actor, call.CancellationToken);
            return untagged.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(untagged);
        });
    }

    private static async Task<AwsJsonResult> ListTagsForResourceAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn);
        var resourceArn = input.String("ResourceArn", SsoShapes.TaggableResourceArn, required: true);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        return await OnTaggableAsync(call, "sso:ListTagsForResource", instanceArn, resourceArn!, null, async id =>
        {
            // The instance itself carries no tags in IdentityCenter.
            IReadOnlyList<PermissionSetTag> tags = id is null ? [] : (await PermissionSets(call).GetAsync(id, call.CancellationToken))?.PermissionSet.Tags ?? [];
            var (items, next) = SsoAdminWire.Page(tags.Select(t => new { t.Key, t.Value }).ToList(), call.Operation, paging);
            return AwsJsonResult.Ok(new { Tags = items, NextToken = next });
        }, instanceAllowed: true);
    }

    /// <summary>
    /// A tag operation: the resource must be this instance's permission set (or, where <paramref name="instanceAllowed"/>,
    /// the instance itself, passed on as a null id); applications and trusted token issuers do not exist in IdentityCenter.
    /// </summary>
    private static async Task<AwsJsonResult> OnTaggableAsync(AwsJsonCall call, string action, string? instanceArn, string resourceArn, RequestContext? keys, Func<string?, Task<AwsJsonResult>> run, bool instanceAllowed = false)
    {
        var context = await SsoAdminContext.OpenAsync(call);
        var isPermissionSet = resourceArn.Contains(":permissionSet/", StringComparison.Ordinal);
        var isInstance = resourceArn.Contains(":instance/", StringComparison.Ordinal);
        var permissionSetId = isPermissionSet ? SsoAdminContext.PermissionSetIdOf(resourceArn) : null;
        IReadOnlyList<string> resources = permissionSetId is null ? [context.InstanceResource] : [context.InstanceResource, context.PermissionSetResource(permissionSetId)];
        if (await call.AuthorizeAsync(action, resources, requestKeys: keys) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrongInstance)
        {
            return AwsJsonResult.Fail(wrongInstance);
        }

        if (isInstance)
        {
            if (context.CheckInstance(resourceArn) is { } wrong)
            {
                return AwsJsonResult.Fail(wrong);
            }

            return instanceAllowed
                ? await run(null)
                : AwsJsonResult.Fail(SsoAdminErrors.Validation($"The instance {resourceArn} cannot be tagged in IdentityCenter; tag its permission sets instead."));
        }

        if (!isPermissionSet)
        {
            return AwsJsonResult.Fail(SsoAdminErrors.NotFound($"Resource {resourceArn} does not exist: IdentityCenter has no applications or trusted token issuers."));
        }

        if (context.CheckInstance(null, resourceArn) is { } foreign)
        {
            return AwsJsonResult.Fail(foreign);
        }

        return await PermissionSets(call).GetAsync(permissionSetId!, call.CancellationToken) is null
            ? AwsJsonResult.Fail(SsoAdminContext.PermissionSetNotFound(resourceArn))
            : await run(permissionSetId);
    }

    /// <summary>
    /// Reads <c>InstanceArn</c> and <c>PermissionSetArn</c> (both required), then in this order: model validation, the
    /// evaluator on <paramref name="extraResources"/> (e.g. the account), the instance and the permission set, the ARNs
    /// being this instance's, the permission set existing.
    /// </summary>
    internal static async Task<AwsJsonResult> OnPermissionSetAsync(AwsJsonCall call, string action, SsoAdminInput input, Func<SsoAdminContext, PermissionSetDetail, Task<AwsJsonResult>> run, IReadOnlyList<string>? extraResources = null)
    {
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var permissionSetArn = input.String("PermissionSetArn", SsoShapes.PermissionSetArn, required: true);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        var id = SsoAdminContext.PermissionSetIdOf(permissionSetArn!);
        if (await call.AuthorizeAsync(action, [.. extraResources ?? [], context.InstanceResource, context.PermissionSetResource(id)]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn, permissionSetArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        var detail = await PermissionSets(call).GetAsync(id, call.CancellationToken);
        return detail is null ? AwsJsonResult.Fail(SsoAdminContext.PermissionSetNotFound(permissionSetArn!)) : await run(context, detail);
    }

    /// <summary>An edit of the permission set through the console's service; the answer is empty on success.</summary>
    private static Task<AwsJsonResult> EditAsync(AwsJsonCall call, string action, SsoAdminInput input, Func<string, Task<IdentityCenter.Core.Directory.OperationResult<PermissionSetDetail>>> edit) =>
        OnPermissionSetAsync(call, action, input, async (_, detail) =>
        {
            var result = await edit(detail.PermissionSet.Id);
            return result.Succeeded ? AwsJsonResult.Ok() : SsoAdminErrors.Fail(result);
        });

    private static CustomerManagedPolicyReference? ReadReference(SsoAdminInput input, JsonElement? structure, string path)
    {
        if (structure is not { } s)
        {
            return null;
        }

        var name = input.String("Name", SsoShapes.ManagedPolicyName, required: true, parent: s, path: path + ".name");
        var policyPath = input.String("Path", SsoShapes.ManagedPolicyPath, parent: s, path: path + ".path");
        return name is null ? null : new CustomerManagedPolicyReference(name, policyPath ?? "/");
    }

    private static List<PermissionSetTag>? ReadTags(SsoAdminInput input, string member, bool required)
    {
        var items = input.List(member, 0, 75, required);
        if (items is null)
        {
            return null;
        }

        var tags = new List<PermissionSetTag>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"{SsoAdminInput.Camel(member)}.{i + 1}.member";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                input.Problem($"Value at '{path}' failed to satisfy constraint: Member must be a structure");
                continue;
            }

            var key = input.String("Key", SsoShapes.TagKey, required: true, parent: items[i], path: path + ".key");
            var value = input.String("Value", SsoShapes.TagValue, required: true, parent: items[i], path: path + ".value");
            if (key is not null && value is not null)
            {
                tags.Add(new PermissionSetTag(key, value));
            }
        }

        return tags;
    }

    /// <summary><c>aws:RequestTag/&lt;key&gt;</c> for each tag and <c>aws:TagKeys</c>, for tag-based conditions.</summary>
    private static RequestContext? TagKeys(IReadOnlyList<PermissionSetTag>? tags, IEnumerable<string>? keys)
    {
        var keyList = keys?.ToArray() ?? [];
        if (keyList.Length == 0)
        {
            return null;
        }

        var context = new RequestContext(keyList.Length + 5);
        foreach (var tag in tags ?? [])
        {
            context.Set("aws:RequestTag/" + tag.Key, tag.Value);
        }

        context.Set("aws:TagKeys", keyList);
        return context;
    }

    private static object Output(PermissionSetDetail detail) => new
    {
        detail.PermissionSet.Name,
        PermissionSetArn = detail.Arn,
        detail.PermissionSet.Description,
        CreatedDate = SsoAdminWire.Epoch(detail.CreatedAt),
        SessionDuration = SessionDuration.Format(detail.PermissionSet.SessionDuration),
        detail.PermissionSet.RelayState,
    };
}
