namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>An SCP/RCP attached directly to the root, an OU or an account. <see cref="Sequence"/> keeps attachment order.</summary>
public sealed class OrganizationPolicyAttachmentRecord
{
    public string PolicyId { get; set; } = "";

    public string TargetId { get; set; } = "";

    public long Sequence { get; set; }

    public DateTimeOffset AttachedAt { get; set; }
}
