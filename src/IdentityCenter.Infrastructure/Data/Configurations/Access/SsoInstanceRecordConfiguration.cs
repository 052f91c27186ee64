using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class SsoInstanceRecordConfiguration : IEntityTypeConfiguration<SsoInstanceRecord>
{
    public void Configure(EntityTypeBuilder<SsoInstanceRecord> builder)
    {
        builder.ToTable("SsoInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(32);
        builder.Property(i => i.Region).HasMaxLength(32).IsRequired();
    }
}
