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

        // The users list pages by sort key, then Id (tie-breaker). Each index ends in Id so a page's ids
        // are read from the index alone, even for a late page of 100,000 users.
        builder.HasIndex(u => new { u.NormalizedDisplayName, u.Id });
        builder.HasIndex(u => new { u.NormalizedEmail, u.Id });
        builder.HasIndex(u => new { u.CreatedAt, u.Id });
        builder.HasIndex(u => new { u.Enabled, u.NormalizedUserName, u.Id });
    }
}
