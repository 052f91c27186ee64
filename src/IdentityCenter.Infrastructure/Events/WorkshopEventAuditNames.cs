namespace IdentityCenter.Infrastructure.Events;

/// <summary>Audit event names of the workshop events (source <c>sso.amazonaws.com</c>); each user, membership, account and assignment an event creates or changes has its own event too.</summary>
public static class WorkshopEventAuditNames
{
    public const string CreateWorkshopEvent = nameof(CreateWorkshopEvent);
    public const string EndWorkshopEvent = nameof(EndWorkshopEvent);
    public const string RegenerateWorkshopCards = nameof(RegenerateWorkshopCards);
    public const string DeleteWorkshopEventUsers = nameof(DeleteWorkshopEventUsers);
    public const string SaveWorkshopEventTemplate = nameof(SaveWorkshopEventTemplate);
    public const string DeleteWorkshopEventTemplate = nameof(DeleteWorkshopEventTemplate);

    public static IReadOnlyList<string> All { get; } =
        [CreateWorkshopEvent, EndWorkshopEvent, RegenerateWorkshopCards, DeleteWorkshopEventUsers, SaveWorkshopEventTemplate, DeleteWorkshopEventTemplate];
}
