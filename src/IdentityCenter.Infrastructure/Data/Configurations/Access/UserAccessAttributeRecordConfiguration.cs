using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class UserAccessAttributeRecordConfiguration : IEntityTypeConfiguration<UserAccessAttributeRecord>
{
    public void Configure(EntityTypeBuilder<UserAccessAttributeRecord> builder)
    {
        builder.ToTable("UserAccessAttributes");
        builder.HasKey(a => new { a.UserId, a.Path });
        builder.Property(a => a.Path).HasMaxLength(128);
        builder.Property(a => a.Value).HasMaxLength(256).IsRequired();
        builder.HasOne<IdentityCenter.Infrastructure.Identity.ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
