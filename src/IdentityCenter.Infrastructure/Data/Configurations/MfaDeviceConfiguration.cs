using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class MfaDeviceConfiguration : IEntityTypeConfiguration<MfaDevice>
{
    public void Configure(EntityTypeBuilder<MfaDevice> builder)
    {
        builder.ToTable("MfaDevices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(64);
        builder.Property(d => d.Kind).HasMaxLength(16).IsRequired();
        builder.Property(d => d.FriendlyName).HasMaxLength(128).IsRequired();
        builder.Property(d => d.ProtectedSecret).IsRequired();
        builder.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
        builder.HasIndex(d => d.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
