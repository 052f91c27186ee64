using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class AccountAssignmentRecordConfiguration : IEntityTypeConfiguration<AccountAssignmentRecord>
{
    public void Configure(EntityTypeBuilder<AccountAssignmentRecord> builder)
    {
        builder.ToTable("AccountAssignments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.AccountId).HasMaxLength(12).IsRequired();
        builder.Property(a => a.PermissionSetId).HasMaxLength(19).IsRequired();
        builder.Property(a => a.PrincipalType).HasMaxLength(8).IsRequired();
        builder.Property(a => a.PrincipalId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.AccountId, a.PermissionSetId, a.PrincipalType, a.PrincipalId }).IsUnique();
        builder.HasIndex(a => a.PermissionSetId);
        builder.HasIndex(a => new { a.PrincipalType, a.PrincipalId });
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PermissionSetRecord>().WithMany().HasForeignKey(a => a.PermissionSetId).OnDelete(DeleteBehavior.Restrict);
    }
}
