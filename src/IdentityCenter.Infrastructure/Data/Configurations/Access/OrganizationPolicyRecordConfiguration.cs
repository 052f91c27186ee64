using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class OrganizationPolicyRecordConfiguration : IEntityTypeConfiguration<OrganizationPolicyRecord>
{
    public void Configure(EntityTypeBuilder<OrganizationPolicyRecord> builder)
    {
        builder.ToTable("OrganizationPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(130);
        builder.Property(p => p.Name).HasMaxLength(128).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(512);
        builder.Property(p => p.Type).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Document).IsRequired();
    }
}
