using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Credentials;

internal sealed class ResourceServiceRecordConfiguration : IEntityTypeConfiguration<ResourceServiceRecord>
{
    public void Configure(EntityTypeBuilder<ResourceServiceRecord> builder)
    {
        builder.ToTable("ResourceServices");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Description).HasMaxLength(256);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
        builder.Property(s => s.KeyPrefix).HasMaxLength(16);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.KeyHash).IsUnique();
    }
}
