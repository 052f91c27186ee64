namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>Audit event names and sources of the credentials feature (CloudTrail names where AWS has one).</summary>
public static class CredentialAuditNames
{
    /// <summary>Console sign-in through a role (the portal's "Management console" link).</summary>
    public const string Federate = nameof(Federate);

    /// <summary>Access keys for a role (the portal's access keys dialog, the portal API).</summary>
    public const string GetRoleCredentials = nameof(GetRoleCredentials);

    /// <summary>A decision of <c>/api/authorize</c>: denied ones one by one, allowed ones aggregated per window.</summary>
    public const string Authorize = nameof(Authorize);

    public const string RevokeCredentials = nameof(RevokeCredentials);
    public const string CreateResourceService = nameof(CreateResourceService);
    public const string DeleteResourceService = nameof(DeleteResourceService);

    /// <summary>A resource service's settings changed (whether it may check bare tokens).</summary>
    public const string UpdateResourceService = nameof(UpdateResourceService);

    /// <summary>The event source of authorize decisions.</summary>
    public const string AuthorizeSource = "authorize.identitycenter.local";

    public static IReadOnlyList<string> All { get; } =
        [Federate, GetRoleCredentials, Authorize, RevokeCredentials, CreateResourceService, DeleteResourceService, UpdateResourceService];
}
