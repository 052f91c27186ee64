using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class PermissionSetRecordConfiguration : IEntityTypeConfiguration<PermissionSetRecord>
{
    public void Configure(EntityTypeBuilder<PermissionSetRecord> builder)
    {
        builder.ToTable("PermissionSets");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(19);
        builder.Property(p => p.Name).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(700);
        builder.Property(p => p.RelayState).HasMaxLength(240);
        builder.Property(p => p.ManagedPolicyArnsJson).IsRequired();
        builder.Property(p => p.CustomerManagedPolicyReferencesJson).IsRequired();
        builder.Property(p => p.TagsJson).IsRequired();
        builder.Property(p => p.BoundaryManagedPolicyArn).HasMaxLength(2048);
        builder.Property(p => p.BoundaryCustomerPolicyName).HasMaxLength(128);
        builder.Property(p => p.BoundaryCustomerPolicyPath).HasMaxLength(512);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
