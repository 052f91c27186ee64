using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class SsoAdminOperationRecordConfiguration : IEntityTypeConfiguration<SsoAdminOperationRecord>
{
    public void Configure(EntityTypeBuilder<SsoAdminOperationRecord> builder)
    {
        builder.ToTable("SsoAdminOperations");
        builder.HasKey(o => o.RequestId);
        builder.Property(o => o.RequestId).HasMaxLength(36);
        builder.Property(o => o.Kind).HasMaxLength(32).IsRequired();
        builder.Property(o => o.Status).HasMaxLength(16).IsRequired();
        builder.Property(o => o.FailureReason).HasMaxLength(2048);
        builder.Property(o => o.TargetId).HasMaxLength(12);
        builder.Property(o => o.PermissionSetArn).HasMaxLength(1224).IsRequired();
        builder.Property(o => o.PrincipalType).HasMaxLength(8);
        builder.Property(o => o.PrincipalId).HasMaxLength(64);
        builder.Property(o => o.CreatedBy).HasMaxLength(256);
        builder.HasIndex(o => new { o.Kind, o.CreatedAt });
    }
}
