using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(1024).IsRequired();
        builder.Property(u => u.NormalizedDisplayName).HasMaxLength(1024).IsRequired();
        builder.Property(u => u.GivenName).HasMaxLength(1024);
        builder.Property(u => u.FamilyName).HasMaxLength(1024);
        builder.Property(u => u.CreatedBy).HasMaxLength(256);
        builder.Property(u => u.UpdatedBy).HasMaxLength(256);

        // The users list sorts and pages on these columns; with 100,000 users an index per sort key keeps pages fast.
        builder.HasIndex(u => u.NormalizedDisplayName);
        builder.HasIndex(u => u.CreatedAt);
        builder.HasIndex(u => new { u.Enabled, u.NormalizedUserName });
    }
}
