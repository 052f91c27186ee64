using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("Groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasMaxLength(64);
        builder.Property(g => g.DisplayName).HasMaxLength(1024).IsRequired();
        builder.Property(g => g.NormalizedDisplayName).HasMaxLength(1024).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(1024);
        builder.Property(g => g.CreatedBy).HasMaxLength(256);
        builder.Property(g => g.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(g => g.NormalizedDisplayName).IsUnique();
    }
}
