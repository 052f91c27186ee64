using IdentityCenter.Core.Administration;

namespace IdentityCenter.Infrastructure.Administration;

/// <summary>What an administration document is attached to.</summary>
public enum AdministrationPrincipalType
{
    User,
    Group,
}

/// <summary>
/// An administration document attached to a user or group: a built-in document by name (<see cref="Document"/> null) or a
/// customer document. <see cref="Text"/> is the JSON either way.
/// </summary>
public sealed record AdministrationPolicyAttachment(
    string Id,
    AdministrationPrincipalType PrincipalType,
    string PrincipalId,
    string Name,
    string? Document,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public bool IsBuiltIn => Document is null;

    public string Text => Document ?? AdministrationPolicies.All[Name];
}
