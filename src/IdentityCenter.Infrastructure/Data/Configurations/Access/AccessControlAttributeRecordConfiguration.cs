using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class AccessControlAttributeRecordConfiguration : IEntityTypeConfiguration<AccessControlAttributeRecord>
{
    public void Configure(EntityTypeBuilder<AccessControlAttributeRecord> builder)
    {
        builder.ToTable("AccessControlAttributes");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(128);
        builder.Property(a => a.Source).HasMaxLength(256).IsRequired();
    }
}
