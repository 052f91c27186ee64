using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class OrganizationRecordConfiguration : IEntityTypeConfiguration<OrganizationRecord>
{
    public void Configure(EntityTypeBuilder<OrganizationRecord> builder)
    {
        builder.ToTable("Organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(34);
        builder.Property(o => o.RootId).HasMaxLength(34).IsRequired();
        builder.Property(o => o.RootName).HasMaxLength(128).IsRequired();
        builder.Property(o => o.ManagementAccountId).HasMaxLength(12).IsRequired();
    }
}
