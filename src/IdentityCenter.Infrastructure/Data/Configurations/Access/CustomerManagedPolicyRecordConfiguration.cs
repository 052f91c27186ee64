using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class CustomerManagedPolicyRecordConfiguration : IEntityTypeConfiguration<CustomerManagedPolicyRecord>
{
    public void Configure(EntityTypeBuilder<CustomerManagedPolicyRecord> builder)
    {
        builder.ToTable("CustomerManagedPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(32);
        builder.Property(p => p.AccountId).HasMaxLength(12).IsRequired();
        builder.Property(p => p.Name).HasMaxLength(128).IsRequired();
        builder.Property(p => p.Path).HasMaxLength(512).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(1000);
        builder.Property(p => p.DefaultVersionId).HasMaxLength(16).IsRequired();
        builder.HasIndex(p => new { p.AccountId, p.Name }).IsUnique();
        builder.HasOne<AccountRecord>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}
