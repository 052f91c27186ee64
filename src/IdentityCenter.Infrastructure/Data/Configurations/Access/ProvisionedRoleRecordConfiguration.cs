using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class ProvisionedRoleRecordConfiguration : IEntityTypeConfiguration<ProvisionedRoleRecord>
{
    public void Configure(EntityTypeBuilder<ProvisionedRoleRecord> builder)
    {
        builder.ToTable("ProvisionedRoles");
        builder.HasKey(r => new { r.AccountId, r.PermissionSetId });
        builder.Property(r => r.AccountId).HasMaxLength(12);
        builder.Property(r => r.PermissionSetId).HasMaxLength(19);
        builder.Property(r => r.RoleName).HasMaxLength(64);
        builder.Property(r => r.RoleSuffix).HasMaxLength(16);
        builder.Property(r => r.FailureReason).HasMaxLength(2048);
        builder.HasIndex(r => r.PermissionSetId);
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PermissionSetRecord>().WithMany().HasForeignKey(r => r.PermissionSetId).OnDelete(DeleteBehavior.Cascade);
    }
}
