using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class OrganizationPolicyAttachmentRecordConfiguration : IEntityTypeConfiguration<OrganizationPolicyAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<OrganizationPolicyAttachmentRecord> builder)
    {
        builder.ToTable("OrganizationPolicyAttachments");
        builder.HasKey(a => new { a.PolicyId, a.TargetId });
        builder.Property(a => a.PolicyId).HasMaxLength(130);
        builder.Property(a => a.TargetId).HasMaxLength(68);
        builder.HasIndex(a => a.TargetId);
        builder.HasOne<OrganizationPolicyRecord>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
