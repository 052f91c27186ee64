namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>
/// An administration document attached to a directory user or group (as IAM attaches policies to users and groups): either
/// one of the built-in documents by name (<see cref="Document"/> null, e.g. <c>IdentityCenterHelpDesk</c>) or a customer
/// document (its JSON). The built-in administrative groups hold their documents without a row.
/// </summary>
public sealed class AdministrationPolicyRecord
{
    public string Id { get; set; } = "";

    /// <summary><c>USER</c> or <c>GROUP</c>.</summary>
    public string PrincipalType { get; set; } = "";

    public string PrincipalId { get; set; } = "";

    /// <summary>The built-in document's name, or the customer document's name (unique per principal).</summary>
    public string Name { get; set; } = "";

    /// <summary>The customer document (IAM policy JSON); null for a built-in document.</summary>
    public string? Document { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
