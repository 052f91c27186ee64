using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class AccessKeyRecordConfiguration : IEntityTypeConfiguration<AccessKeyRecord>
{
    public void Configure(EntityTypeBuilder<AccessKeyRecord> builder)
    {
        builder.ToTable("AccessKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(20);
        builder.Property(k => k.UserId).IsRequired();
        builder.Property(k => k.ProtectedSecret).IsRequired();
        builder.Property(k => k.Status).HasMaxLength(16).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(k => k.LastUsedService).HasMaxLength(64);
        builder.Property(k => k.LastUsedRegion).HasMaxLength(32);
        builder.HasIndex(k => k.UserId);

        // A deleted user's keys go with it (and stop working: the deletion revokes the user's credentials).
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
