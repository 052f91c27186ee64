using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// ABAC: the instance's access control attributes (at most 50; key → <c>${path:…}</c>) and the extra
/// user attributes (e.g. <c>enterprise.department</c>) the directory has no column for.
/// Principal tags = attributes mapped over the user's built-in attributes (userName, displayName,
/// name.givenName, name.familyName, emails[primary eq true].value) plus these extra ones.
/// </summary>
public interface IAccessControlAttributeService
{
    Task<IReadOnlyList<AccessControlAttribute>> GetAttributesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the whole configuration (UpdateInstanceAccessControlAttributeConfiguration).</summary>
    Task<OperationResult> PutAttributesAsync(IReadOnlyList<AccessControlAttribute> attributes, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Every attribute path → value known for the user (built-in and extra).</summary>
    Task<IReadOnlyDictionary<string, string?>> GetUserAttributesAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or with null/empty value removes) extra attributes; built-in paths are refused (edit the user instead).</summary>
    Task<OperationResult> SetUserAttributesAsync(string userId, IReadOnlyDictionary<string, string?> values, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The principal tags the user's sessions get now.</summary>
    Task<PrincipalTagMapping> GetPrincipalTagsAsync(string userId, CancellationToken cancellationToken = default);
}
