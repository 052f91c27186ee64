using IdentityCenter.Core;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Administration;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>The service's contract in memory; its validation of customer documents is the policy parser's (as the real service does).</summary>
public sealed class FakeAdministrationPolicyService : IAdministrationPolicyService
{
    public List<AdministrationPolicyAttachment> Rows { get; } = [];

    public Task<IReadOnlyList<AdministrationPolicyAttachment>> ListAsync(AdministrationPrincipalType type, string principalId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AdministrationPolicyAttachment>>([.. Rows.Where(r => r.PrincipalType == type && r.PrincipalId == principalId)]);

    public Task<OperationResult<AdministrationPolicyAttachment>> AttachBuiltInAsync(AdministrationPrincipalType type, string principalId, string name, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(Add(new AdministrationPolicyAttachment("adp-" + Rows.Count, type, principalId, name, null, DateTimeOffset.UtcNow, actor.UserName)));

    public Task<OperationResult<AdministrationPolicyAttachment>> PutCustomAsync(AdministrationPrincipalType type, string principalId, string name, string document, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = IdentityCenter.Core.Policies.Language.PolicyParser.Parse(document, IdentityCenter.Core.Policies.Language.PolicyKind.Managed).Errors
            .Select(f => new FieldError("Document", $"Line {f.Line}, column {f.Column}: {f.Message}")).ToList();
        return Task.FromResult(errors.Count > 0
            ? OperationResult.Invalid(errors).As<AdministrationPolicyAttachment>()
            : Add(new AdministrationPolicyAttachment("adp-" + Rows.Count, type, principalId, name, document, DateTimeOffset.UtcNow, actor.UserName)));
    }

    public Task<OperationResult> DetachAsync(AdministrationPrincipalType type, string principalId, string attachmentId, Actor actor, CancellationToken cancellationToken = default)
    {
        Rows.RemoveAll(r => r.Id == attachmentId);
        return Task.FromResult(OperationResult.Success);
    }

    private OperationResult<AdministrationPolicyAttachment> Add(AdministrationPolicyAttachment row)
    {
        Rows.Add(row);
        return OperationResult.Ok(row);
    }
}
