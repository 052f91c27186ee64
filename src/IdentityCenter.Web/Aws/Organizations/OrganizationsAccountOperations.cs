using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.Caching.Memory;
using static IdentityCenter.Web.Aws.Organizations.OrganizationsAccess;
using static IdentityCenter.Web.Aws.Organizations.OrganizationsRequest;

namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>
/// CreateAccount, DescribeCreateAccountStatus and ListCreateAccountStatus. IdentityCenter creates an account at once
/// (the console's <see cref="IOrganizationService.CreateAccountAsync"/>, in the root as AWS does), so a request is
/// <c>SUCCEEDED</c> when it answers; its <c>car-</c> id is derived from the account id, so the status stays readable
/// for as long as the account exists. A request refused for a reason AWS reports asynchronously (the email is taken)
/// answers <c>FAILED</c> with the model's <c>FailureReason</c>; those statuses are kept in memory (the latest
/// <see cref="MaxFailuresKept"/>, until restart) since no account records them.
/// </summary>
internal static class OrganizationsAccountOperations
{
    public const int MaxFailuresKept = 200;

    private static readonly string[] States = ["IN_PROGRESS", "SUCCEEDED", "FAILED"];

    private static readonly object FailuresKey = new();

    public static void Register(IDictionary<string, AwsJsonOperation> operations)
    {
        operations["CreateAccount"] = CreateAccountAsync;
        operations["DescribeCreateAccountStatus"] = DescribeCreateAccountStatusAsync;
        operations["ListCreateAccountStatus"] = ListCreateAccountStatusAsync;
    }

    /// <summary>The id of the request that created <paramref name="accountId"/>: <c>car-</c> and 32 hex digits of its hash.</summary>
    public static string CreateAccountRequestId(string accountId) =>
        "car-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("IdentityCenter CreateAccount " + accountId)))[..32];

    private static AwsJsonResult Fail(AwsError error) => AwsJsonResult.Fail(error);

    private static CreateAccountStatusShape Succeeded(AccountInfo account) => new(
        CreateAccountRequestId(account.Id), account.Name, "SUCCEEDED", OrganizationsShapes.EpochSeconds(account.JoinedAt),
        OrganizationsShapes.EpochSeconds(account.JoinedAt), account.Id, null);

    private static FailedRequests Failures(AwsJsonCall call) =>
        call.Service<IMemoryCache>().GetOrCreate(FailuresKey, entry =>
        {
            entry.Size = 1;
            entry.Priority = CacheItemPriority.NeverRemove;
            return new FailedRequests();
        })!;

    private static async Task<AwsJsonResult> CreateAccountAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var email = request.String("Email", required: true, min: 6, max: 64, pattern: EmailPattern(), hint: "use the form name@example.com, without spaces.");
        var name = request.String("AccountName", required: true, min: 1, max: 50, pattern: CreateAccountNamePattern(), hint: "use printable ASCII characters only.");
        request.String("RoleName", required: false, max: 64, pattern: RoleNamePattern(), hint: "use 1-64 letters, digits or +=,.@_-.", patternReason: "INVALID_ROLE_NAME");
        request.Enum("IamUserAccessToBilling", required: false, ["ALLOW", "DENY"]);
        var tags = request.Tags();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "CreateAccount") is { } denied)
        {
            return Fail(denied);
        }

        if (tags.Count > 0)
        {
            return Fail(OrganizationsStructureOperations.TagsNotStored());
        }

        var organizations = call.Service<IOrganizationService>();
        if (await organizations.GetTreeAsync(call.CancellationToken) is not { } tree)
        {
            return Fail(NotInUse);
        }

        var requestedAt = call.Service<TimeProvider>().GetUtcNow();
        var result = await organizations.CreateAccountAsync(new AccountInput(name!, email!, tree.RootId), call.Actor, call.CancellationToken);
        if (result.Succeeded)
        {
            return AwsJsonResult.Ok(new { CreateAccountStatus = Succeeded(result.Value!) });
        }

        var failureReason = result.ErrorCode switch
        {
            "DuplicateAccountException" => "EMAIL_ALREADY_EXISTS",
            _ when result.ErrorsFor("Email").Any() => "INVALID_EMAIL",
            _ => null,
        };
        if (failureReason is null)
        {
            return OrganizationsAccess.Fail(result, "ParentNotFoundException");
        }

        var failed = new CreateAccountStatusShape(
            "car-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), name!, "FAILED",
            OrganizationsShapes.EpochSeconds(requestedAt), OrganizationsShapes.EpochSeconds(call.Service<TimeProvider>().GetUtcNow()), null, failureReason);
        Failures(call).Add(failed);
        return AwsJsonResult.Ok(new { CreateAccountStatus = failed });
    }

    private static async Task<AwsJsonResult> DescribeCreateAccountStatusAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var requestId = request.String("CreateAccountRequestId", required: true, max: 36, pattern: CreateAccountRequestIdPattern(),
            hint: "pass the CreateAccountStatus.Id that CreateAccount returned (car- followed by 8-32 lowercase letters or digits).");
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "DescribeCreateAccountStatus") is { } denied)
        {
            return Fail(denied);
        }

        if (await OrganizationsStructureOperations.LoadAsync(call) is not (var view, _))
        {
            return Fail(NotInUse);
        }

        var status = view.Accounts.Where(a => !a.IsManagement).Select(Succeeded).FirstOrDefault(s => s.Id == requestId)
            ?? Failures(call).Find(requestId!);
        return status is not null
            ? AwsJsonResult.Ok(new { CreateAccountStatus = status })
            : Fail(new AwsError("CreateAccountStatusNotFoundException",
                $"No CreateAccount request has the id {requestId} (or its account was removed since); list requests with ListCreateAccountStatus.", StatusCodes.Status400BadRequest));
    }

    private static async Task<AwsJsonResult> ListCreateAccountStatusAsync(AwsJsonCall call)
    {
        var request = new OrganizationsRequest(call);
        var states = request.EnumList("States", States);
        var max = request.MaxResults();
        var offset = request.Offset();
        if (request.Error is { } invalid)
        {
            return Fail(invalid);
        }

        if (await AuthorizeAsync(call, "ListCreateAccountStatus") is { } denied)
        {
            return Fail(denied);
        }

        if (await OrganizationsStructureOperations.LoadAsync(call) is not (var view, _))
        {
            return Fail(NotInUse);
        }

        var all = view.Accounts.Where(a => !a.IsManagement).Select(Succeeded).Concat(Failures(call).All())
            .Where(s => states is null || states.Count == 0 || states.Contains(s.State, StringComparer.Ordinal))
            .OrderBy(s => s.RequestedTimestamp).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        var (page, next) = request.Page(all, offset, max);
        return AwsJsonResult.Ok(new { CreateAccountStatuses = page, NextToken = next });
    }

    /// <summary>The latest failed requests (no account records them), oldest dropped first.</summary>
    private sealed class FailedRequests
    {
        private readonly Lock _gate = new();
        private readonly LinkedList<CreateAccountStatusShape> _items = new();

        public void Add(CreateAccountStatusShape status)
        {
            lock (_gate)
            {
                _items.AddLast(status);
                if (_items.Count > MaxFailuresKept)
                {
                    _items.RemoveFirst();
                }
            }
        }

        public CreateAccountStatusShape? Find(string id)
        {
            lock (_gate)
            {
                return _items.FirstOrDefault(s => s.Id == id);
            }
        }

        public IReadOnlyList<CreateAccountStatusShape> All()
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }
}
