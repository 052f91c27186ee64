using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>
/// Account assignments and provisioning: CreateAccountAssignment / DeleteAccountAssignment through the console's
/// <see cref="IAssignmentService"/> (which provisions the permission set into the account, or revokes what the assignment
/// granted), ProvisionPermissionSet through <see cref="IPermissionSetService"/>, each request's outcome kept by
/// <see cref="ISsoAdminOperationLog"/> under the call's request id for the Describe…Status / List…Status operations.
/// IdentityCenter completes these requests before answering, so the status returned is already SUCCEEDED or FAILED.
/// Provisioning state (and drift: a permission set edited since it was provisioned is LATEST_PERMISSION_SET_NOT_PROVISIONED
/// in that account) is the service's, the same the console's permission set page shows.
/// </summary>
internal static class SsoAdminAssignments
{
    private const string Succeeded = "SUCCEEDED";
    private const string Failed = "FAILED";
    private const string LatestProvisioned = "LATEST_PERMISSION_SET_PROVISIONED";
    private const string LatestNotProvisioned = "LATEST_PERMISSION_SET_NOT_PROVISIONED";

    public static void Register(IDictionary<string, AwsJsonOperation> operations)
    {
        operations["CreateAccountAssignment"] = CreateAccountAssignmentAsync;
        operations["DeleteAccountAssignment"] = DeleteAccountAssignmentAsync;
        operations["ListAccountAssignments"] = ListAccountAssignmentsAsync;
        operations["ListAccountAssignmentsForPrincipal"] = ListAccountAssignmentsForPrincipalAsync;
        operations["DescribeAccountAssignmentCreationStatus"] = call => DescribeStatusAsync(call, SsoAdminOperationKind.AccountAssignmentCreation);
        operations["DescribeAccountAssignmentDeletionStatus"] = call => DescribeStatusAsync(call, SsoAdminOperationKind.AccountAssignmentDeletion);
        operations["ListAccountAssignmentCreationStatus"] = call => ListStatusAsync(call, SsoAdminOperationKind.AccountAssignmentCreation);
        operations["ListAccountAssignmentDeletionStatus"] = call => ListStatusAsync(call, SsoAdminOperationKind.AccountAssignmentDeletion);
        operations["ProvisionPermissionSet"] = ProvisionPermissionSetAsync;
        operations["DescribePermissionSetProvisioningStatus"] = call => DescribeStatusAsync(call, SsoAdminOperationKind.PermissionSetProvisioning);
        operations["ListPermissionSetProvisioningStatus"] = call => ListStatusAsync(call, SsoAdminOperationKind.PermissionSetProvisioning);
        operations["ListAccountsForProvisionedPermissionSet"] = ListAccountsForProvisionedPermissionSetAsync;
        operations["ListPermissionSetsProvisionedToAccount"] = ListPermissionSetsProvisionedToAccountAsync;
    }

    /// <summary>The six members of Create/DeleteAccountAssignment.</summary>
    private sealed record AssignmentInput(string InstanceArn, string TargetId, string PermissionSetArn, string PrincipalType, string PrincipalId);

    private static AssignmentInput? ReadAssignment(SsoAdminInput input)
    {
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var targetId = input.String("TargetId", SsoShapes.AccountId, required: true);
        input.String("TargetType", SsoShapes.TargetType, required: true);
        var permissionSetArn = input.String("PermissionSetArn", SsoShapes.PermissionSetArn, required: true);
        var principalType = input.String("PrincipalType", SsoShapes.PrincipalType, required: true);
        var principalId = input.String("PrincipalId", SsoShapes.PrincipalId, required: true);
        return input.IsValid ? new AssignmentInput(instanceArn!, targetId!, permissionSetArn!, principalType!, principalId!) : null;
    }

    /// <summary>Validation, then the evaluator on the account, instance and permission set, then the ARNs being this instance's.</summary>
    private static async Task<(SsoAdminContext? Context, AwsError? Error)> AuthorizeAssignmentAsync(AwsJsonCall call, string action, AssignmentInput request)
    {
        var context = await SsoAdminContext.OpenAsync(call);
        var permissionSetId = SsoAdminContext.PermissionSetIdOf(request.PermissionSetArn);
        var denied = await call.AuthorizeAsync(
            action,
            [SsoAdminContext.AccountResource(request.TargetId), context.InstanceResource, context.PermissionSetResource(permissionSetId)],
            subjectUserId: request.PrincipalType == "USER" ? request.PrincipalId : null);
        return denied is not null ? (null, denied) : (context, context.CheckInstance(request.InstanceArn, request.PermissionSetArn));
    }

    private static AssignmentRequest ToRequest(AssignmentInput request) => new(
        request.TargetId,
        SsoAdminContext.PermissionSetIdOf(request.PermissionSetArn),
        request.PrincipalType == "GROUP" ? PrincipalType.Group : PrincipalType.User,
        request.PrincipalId);

    private static async Task<AwsJsonResult> CreateAccountAssignmentAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var request = ReadAssignment(input);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var (context, error) = await AuthorizeAssignmentAsync(call, "sso:CreateAccountAssignment", request!);
        if (error is not null)
        {
            return AwsJsonResult.Fail(error);
        }

        var created = await call.Service<IAssignmentService>().CreateAsync(ToRequest(request!), call.Actor, call.CancellationToken);
        string status;
        string? reason = null;
        if (created.Succeeded)
        {
            status = created.Value!.Provisioning.Succeeded ? Succeeded : Failed;
            reason = created.Value.Provisioning.FailureReason;
        }
        else if (created.ErrorKind == OperationErrorKind.Conflict)
        {
            // As in AWS, assigning what is already assigned succeeds (nothing changes).
            status = Succeeded;
        }
        else
        {
            return AwsJsonResult.Fail(AssignmentError(created));
        }

        var operation = await RecordAsync(call, SsoAdminOperationKind.AccountAssignmentCreation, status, reason, request!.TargetId, context!.PermissionSetArn(SsoAdminContext.PermissionSetIdOf(request.PermissionSetArn)), request.PrincipalType, request.PrincipalId);
        return AwsJsonResult.Ok(new { AccountAssignmentCreationStatus = AssignmentStatus(operation) });
    }

    private static async Task<AwsJsonResult> DeleteAccountAssignmentAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var request = ReadAssignment(input);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var (context, error) = await AuthorizeAssignmentAsync(call, "sso:DeleteAccountAssignment", request!);
        if (error is not null)
        {
            return AwsJsonResult.Fail(error);
        }

        var deleted = await call.Service<IAssignmentService>().DeleteAsync(ToRequest(request!), call.Actor, call.CancellationToken);
        if (!deleted.Succeeded)
        {
            return AwsJsonResult.Fail(AssignmentError(deleted));
        }

        var operation = await RecordAsync(call, SsoAdminOperationKind.AccountAssignmentDeletion, Succeeded, null, request!.TargetId, context!.PermissionSetArn(SsoAdminContext.PermissionSetIdOf(request.PermissionSetArn)), request.PrincipalType, request.PrincipalId);
        return AwsJsonResult.Ok(new { AccountAssignmentDeletionStatus = AssignmentStatus(operation) });
    }

    /// <summary>An account, principal or permission set that does not exist is <c>ResourceNotFoundException</c>; other refusals map as usual.</summary>
    private static AwsError AssignmentError(OperationResult result) =>
        result.ErrorKind == OperationErrorKind.Validation && result.Errors.All(e => e.Field is "AccountIds" or "Principals" or "PermissionSetIds")
            ? SsoAdminErrors.NotFound(result.Summary)
            : SsoAdminErrors.From(result);

    private static async Task<AwsJsonResult> ListAccountAssignmentsAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var accountId = input.String("AccountId", SsoShapes.AccountId, required: true);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        return await SsoAdminPermissionSets.OnPermissionSetAsync(call, "sso:ListAccountAssignments", input, async (context, detail) =>
        {
            if (await call.Service<IOrganizationService>().GetAccountAsync(accountId!, call.CancellationToken) is null)
            {
                return AwsJsonResult.Fail(SsoAdminErrors.NotFound($"Account {accountId} is not in the organization."));
            }

            var assignments = (await call.Service<IAssignmentService>().ListForAccountAsync(accountId!, call.CancellationToken))
                .Where(a => a.PermissionSetId == detail.PermissionSet.Id)
                .Select(a => new { a.AccountId, PermissionSetArn = detail.Arn, PrincipalType = PrincipalTypeName(a.PrincipalType), a.PrincipalId })
                .ToList();
            var (items, next) = SsoAdminWire.Page(assignments, call.Operation, paging);
            return AwsJsonResult.Ok(new { AccountAssignments = items, NextToken = next });
        }, extraResources: [SsoAdminContext.AccountResource(accountId ?? "")]);
    }

    private static async Task<AwsJsonResult> ListAccountAssignmentsForPrincipalAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var principalId = input.String("PrincipalId", SsoShapes.PrincipalId, required: true);
        var principalType = input.String("PrincipalType", SsoShapes.PrincipalType, required: true);
        var filter = input.Structure("Filter");
        var accountId = filter is { } f ? input.String("AccountId", SsoShapes.AccountId, parent: f, path: "filter.accountId") : null;
        var paging = SsoAdminWire.Paging(input, call.Operation);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:ListAccountAssignmentsForPrincipal", [context.InstanceResource], subjectUserId: principalType == "USER" ? principalId : null) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        var type = principalType == "GROUP" ? PrincipalType.Group : PrincipalType.User;
        var assignments = (await call.Service<IAssignmentService>().ListForPrincipalAsync(type, principalId!, call.CancellationToken))
            .Where(a => accountId is null || a.AccountId == accountId)
            .Select(a => new { a.AccountId, PermissionSetArn = context.PermissionSetArn(a.PermissionSetId), a.PrincipalId, PrincipalType = principalType })
            .ToList();
        var (items, next) = SsoAdminWire.Page(assignments, call.Operation, paging);
        return AwsJsonResult.Ok(new { AccountAssignments = items, NextToken = next });
    }

    private static async Task<AwsJsonResult> ProvisionPermissionSetAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var targetId = input.String("TargetId", SsoShapes.AccountId);
        var targetType = input.String("TargetType", SsoShapes.ProvisionTargetType, required: true);
        if (targetType == "AWS_ACCOUNT" && targetId is null)
        {
            input.Problem("TargetId is required when TargetType is AWS_ACCOUNT: give the 12-digit account id to provision into");
        }
        else if (targetType == "ALL_PROVISIONED_ACCOUNTS" && targetId is not null)
        {
            input.Problem("TargetId must be left out when TargetType is ALL_PROVISIONED_ACCOUNTS");
        }

        return await SsoAdminPermissionSets.OnPermissionSetAsync(call, "sso:ProvisionPermissionSet", input, async (context, detail) =>
        {
            var provisioned = await call.Service<IPermissionSetService>().ProvisionAsync(detail.PermissionSet.Id, targetId, call.Actor, call.CancellationToken);
            if (!provisioned.Succeeded)
            {
                return SsoAdminErrors.Fail(provisioned);
            }

            var failures = provisioned.Value!.Outcomes.Where(o => !o.Succeeded).Select(o => $"{o.AccountId}: {o.FailureReason}").ToList();
            var operation = await RecordAsync(call, SsoAdminOperationKind.PermissionSetProvisioning, failures.Count == 0 ? Succeeded : Failed,
                failures.Count == 0 ? null : string.Join("; ", failures), targetId, detail.Arn, null, null);
            return AwsJsonResult.Ok(new { PermissionSetProvisioningStatus = ProvisioningStatusOutput(operation) });
        }, extraResources: targetId is null ? [] : [SsoAdminContext.AccountResource(targetId)]);
    }

    private static async Task<AwsJsonResult> DescribeStatusAsync(AwsJsonCall call, SsoAdminOperationKind kind)
    {
        var member = kind switch
        {
            SsoAdminOperationKind.AccountAssignmentCreation => "AccountAssignmentCreationRequestId",
            SsoAdminOperationKind.AccountAssignmentDeletion => "AccountAssignmentDeletionRequestId",
            _ => "ProvisionPermissionSetRequestId",
        };
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var requestId = input.String(member, SsoShapes.Uuid, required: true);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:" + call.Operation, [context.InstanceResource]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        var operation = await call.Service<ISsoAdminOperationLog>().FindAsync(kind, requestId!, call.CancellationToken);
        if (operation is null)
        {
            return AwsJsonResult.Fail(SsoAdminErrors.NotFound($"There is no {Describe(kind)} request with id {requestId}; use the RequestId its operation answered with."));
        }

        return AwsJsonResult.Ok(kind switch
        {
            SsoAdminOperationKind.AccountAssignmentCreation => new { AccountAssignmentCreationStatus = AssignmentStatus(operation) },
            SsoAdminOperationKind.AccountAssignmentDeletion => (object)new { AccountAssignmentDeletionStatus = AssignmentStatus(operation) },
            _ => new { PermissionSetProvisioningStatus = ProvisioningStatusOutput(operation) },
        });
    }

    private static async Task<AwsJsonResult> ListStatusAsync(AwsJsonCall call, SsoAdminOperationKind kind)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var filter = input.Structure("Filter");
        var status = filter is { } f ? input.String("Status", SsoShapes.StatusValues, parent: f, path: "filter.status") : null;
        var paging = SsoAdminWire.Paging(input, call.Operation);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:" + call.Operation, [context.InstanceResource]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        var all = (await call.Service<ISsoAdminOperationLog>().ListAsync(kind, status, call.CancellationToken))
            .Select(o => new { o.Status, o.RequestId, CreatedDate = SsoAdminWire.Epoch(o.CreatedAt) })
            .ToList();
        var (items, next) = SsoAdminWire.Page(all, call.Operation, paging);
        return AwsJsonResult.Ok(kind switch
        {
            SsoAdminOperationKind.AccountAssignmentCreation => new { AccountAssignmentsCreationStatus = items, NextToken = next },
            SsoAdminOperationKind.AccountAssignmentDeletion => (object)new { AccountAssignmentsDeletionStatus = items, NextToken = next },
            _ => new { PermissionSetsProvisioningStatus = items, NextToken = next },
        });
    }

    private static async Task<AwsJsonResult> ListAccountsForProvisionedPermissionSetAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var filter = input.String("ProvisioningStatus", SsoShapes.ProvisioningStatus);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        return await SsoAdminPermissionSets.OnPermissionSetAsync(call, "sso:ListAccountsForProvisionedPermissionSet", input, (_, detail) =>
        {
            var accounts = detail.Accounts
                .Where(a => StatusName(a.Status) is { } name && (filter is null || name == filter))
                .Select(a => a.AccountId)
                .Order(StringComparer.Ordinal)
                .ToList();
            var (items, next) = SsoAdminWire.Page(accounts, call.Operation, paging);
            return Task.FromResult(AwsJsonResult.Ok(new { AccountIds = items, NextToken = next }));
        });
    }

    private static async Task<AwsJsonResult> ListPermissionSetsProvisionedToAccountAsync(AwsJsonCall call)
    {
        var input = new SsoAdminInput(call.Input);
        var instanceArn = input.String("InstanceArn", SsoShapes.InstanceArn, required: true);
        var accountId = input.String("AccountId", SsoShapes.AccountId, required: true);
        var filter = input.String("ProvisioningStatus", SsoShapes.ProvisioningStatus);
        var paging = SsoAdminWire.Paging(input, call.Operation);
        if (input.Error is { } invalid)
        {
            return AwsJsonResult.Fail(invalid);
        }

        var context = await SsoAdminContext.OpenAsync(call);
        if (await call.AuthorizeAsync("sso:ListPermissionSetsProvisionedToAccount", [SsoAdminContext.AccountResource(accountId!), context.InstanceResource]) is { } denied)
        {
            return AwsJsonResult.Fail(denied);
        }

        if (context.CheckInstance(instanceArn) is { } wrong)
        {
            return AwsJsonResult.Fail(wrong);
        }

        if (await call.Service<IOrganizationService>().GetAccountAsync(accountId!, call.CancellationToken) is null)
        {
            return AwsJsonResult.Fail(SsoAdminErrors.NotFound($"Account {accountId} is not in the organization."));
        }

        var permissionSets = call.Service<IPermissionSetService>();
        var arns = new List<string>();
        foreach (var summary in await permissionSets.ListAsync(call.CancellationToken))
        {
            var status = (await permissionSets.ListProvisioningStatusAsync(summary.Id, call.CancellationToken)).FirstOrDefault(s => s.AccountId == accountId);
            if (status is not null && StatusName(status.Status) is { } name && (filter is null || name == filter))
            {
                arns.Add(context.PermissionSetArn(summary.Id));
            }
        }

        var (items, next) = SsoAdminWire.Page(arns, call.Operation, paging);
        return AwsJsonResult.Ok(new { NextToken = next, PermissionSets = items });
    }

    /// <summary>The API's name of a provisioning state; null for an account where provisioning never succeeded.</summary>
    private static string? StatusName(ProvisioningStatus status) => status switch
    {
        ProvisioningStatus.LatestProvisioned => LatestProvisioned,
        ProvisioningStatus.LatestNotProvisioned => LatestNotProvisioned,
        _ => null,
    };

    private static string PrincipalTypeName(PrincipalType type) => type == PrincipalType.Group ? "GROUP" : "USER";

    private static string Describe(SsoAdminOperationKind kind) => kind switch
    {
        SsoAdminOperationKind.AccountAssignmentCreation => "account assignment creation",
        SsoAdminOperationKind.AccountAssignmentDeletion => "account assignment deletion",
        _ => "permission set provisioning",
    };

    private static async Task<SsoAdminOperation> RecordAsync(AwsJsonCall call, SsoAdminOperationKind kind, string status, string? reason, string? targetId, string permissionSetArn, string? principalType, string? principalId)
    {
        var operation = new SsoAdminOperation(call.RequestId, kind, status, reason, targetId, permissionSetArn, principalType, principalId,
            call.Service<TimeProvider>().GetUtcNow());
        await call.Service<ISsoAdminOperationLog>().RecordAsync(operation, call.Caller.UserName, CancellationToken.None);
        return operation;
    }

    private static object AssignmentStatus(SsoAdminOperation o) => new
    {
        o.Status,
        o.RequestId,
        o.FailureReason,
        o.TargetId,
        TargetType = "AWS_ACCOUNT",
        o.PermissionSetArn,
        o.PrincipalType,
        o.PrincipalId,
        CreatedDate = SsoAdminWire.Epoch(o.CreatedAt),
    };

    private static object ProvisioningStatusOutput(SsoAdminOperation o) => new
    {
        o.Status,
        o.RequestId,
        AccountId = o.TargetId,
        o.PermissionSetArn,
        o.FailureReason,
        CreatedDate = SsoAdminWire.Epoch(o.CreatedAt),
    };
}
