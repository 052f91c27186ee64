using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class OrganizationalUnitRecordConfiguration : IEntityTypeConfiguration<OrganizationalUnitRecord>
{
    public void Configure(EntityTypeBuilder<OrganizationalUnitRecord> builder)
    {
        builder.ToTable("OrganizationalUnits");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(68);
        builder.Property(u => u.Name).HasMaxLength(128).IsRequired();
        builder.Property(u => u.ParentId).HasMaxLength(68).IsRequired();
        builder.HasIndex(u => u.ParentId);
    }
}
