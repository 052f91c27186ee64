using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Events;
using IdentityCenter.Infrastructure.Events;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>In-memory event templates that check the template rules of Core (as the real service does) and record every call.</summary>
public sealed class FakeWorkshopEventTemplateService : IWorkshopEventTemplateService
{
    public List<WorkshopEventTemplate> Templates { get; } = [];

    public List<WorkshopEventInput> Saved { get; } = [];

    public List<string> Deleted { get; } = [];

    public Task<IReadOnlyList<WorkshopEventTemplate>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkshopEventTemplate>>(Templates.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList());

    public Task<OperationResult<WorkshopEventTemplate>> SaveAsync(WorkshopEventInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        Saved.Add(input);
        var hours = (int)Math.Ceiling(Math.Max(0, (input.EndsAt - input.StartsAt).TotalHours));
        var errors = WorkshopEventRules.ValidateTemplate(input.Name, hours, input.AttendeeCount, input.UserNamePrefix);
        if (errors.Count > 0)
        {
            return Task.FromResult(OperationResult.Invalid(errors).As<WorkshopEventTemplate>());
        }

        var template = new WorkshopEventTemplate(
            "evtt-" + Templates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), input.Name.Trim(), input.AttendeeCount, input.UserNamePrefix.Trim(), hours,
            input.GroupIds, input.PermissionSetIds, input.AccountMode, input.SharedAccountId, input.ParentOrganizationalUnitId, input.AssignmentScope,
            input.WithAuthenticator, DateTimeOffset.UnixEpoch, actor.UserName);
        Templates.Add(template);
        return Task.FromResult(OperationResult.Ok(template));
    }

    public Task<OperationResult> DeleteAsync(string templateId, Actor actor, CancellationToken cancellationToken = default)
    {
        Deleted.Add(templateId);
        return Task.FromResult(Templates.RemoveAll(t => t.Id == templateId) == 0
            ? OperationResult.NotFound("That template does not exist (it may have been deleted already).")
            : OperationResult.Success);
    }
}
