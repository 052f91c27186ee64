using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class DirectorySettingsRecordConfiguration : IEntityTypeConfiguration<DirectorySettingsRecord>
{
    public void Configure(EntityTypeBuilder<DirectorySettingsRecord> builder)
    {
        builder.ToTable("DirectorySettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
