using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class AdministrationPolicyRecordConfiguration : IEntityTypeConfiguration<AdministrationPolicyRecord>
{
    public void Configure(EntityTypeBuilder<AdministrationPolicyRecord> builder)
    {
        builder.ToTable("AdministrationPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.PrincipalType).HasMaxLength(8).IsRequired();
        builder.Property(p => p.PrincipalId).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(128).IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(p => new { p.PrincipalType, p.PrincipalId, p.Name }).IsUnique();
    }
}
