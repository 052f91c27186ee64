using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;

namespace IdentityCenter.Infrastructure.Audit;

/// <summary>Every event name the app writes (directory, access model, credentials), for the audit log's filter.</summary>
public static class KnownAuditEvents
{
    public static IReadOnlyList<string> Names { get; } =
        AuditEventNames.All.Concat(AccessAuditEventNames.All).Concat(CredentialAuditNames.All).Concat(Sso.SsoAuditNames.All).Concat(UserAccessKeys.AccessKeyAuditNames.All).Concat(Administration.AdministrationPolicyAuditNames.All).Concat(Events.WorkshopEventAuditNames.All)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
