using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class AccountRecordConfiguration : IEntityTypeConfiguration<AccountRecord>
{
    public void Configure(EntityTypeBuilder<AccountRecord> builder)
    {
        builder.ToTable("Accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(12);
        builder.Property(a => a.Name).HasMaxLength(128).IsRequired();
        builder.Property(a => a.Email).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Status).HasMaxLength(16).IsRequired();
        builder.Property(a => a.ParentId).HasMaxLength(68).IsRequired();
        builder.HasIndex(a => a.ParentId);
    }
}
