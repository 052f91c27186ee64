using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;

namespace IdentityCenter.Infrastructure.Access.Internal;

/// <summary>Audit records and error conversions shared by the access-model services.</summary>
internal static class AccessAudit
{
    public static void Record(
        IdentityCenterDbContext db,
        DateTimeOffset now,
        Actor actor,
        string source,
        string eventName,
        IReadOnlyDictionary<string, string?> request,
        IReadOnlyDictionary<string, string?>? response = null,
        string? targetUserId = null,
        string? targetUserName = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, eventName, targetUserId, targetUserName, request, response, eventSource: source)));
    }

    public static OperationResult ToResult(OrganizationError error, string field = "")
    {
        var kind = error.Code switch
        {
            var c when c.EndsWith("NotFoundException", StringComparison.Ordinal) => OperationErrorKind.NotFound,
            "InvalidInputException" => OperationErrorKind.Validation,
            _ => OperationErrorKind.Conflict,
        };
        return OperationResult.Failure(kind, [new FieldError(field, error.Message)], error.Code);
    }

    /// <summary>The evaluator's errors for a document, each message prefixed with its line and column; empty when valid.</summary>
    public static IReadOnlyList<FieldError> ValidateDocument(string? document, PolicyKind kind, string field)
    {
        if (string.IsNullOrWhiteSpace(document))
        {
            return [new FieldError(field, "The policy document is empty; enter a JSON policy such as {\"Version\":\"2012-10-17\",\"Statement\":[...]}.")];
        }

        var parsed = PolicyParser.Parse(document, kind);
        return parsed.Errors
            .Select(f => new FieldError(field, $"Line {f.Line}, column {f.Column}: {f.Message}"))
            .ToList();
    }
}
