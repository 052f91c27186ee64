using IdentityCenter.Infrastructure.Data.Entities.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Access;

internal sealed class CustomerManagedPolicyVersionRecordConfiguration : IEntityTypeConfiguration<CustomerManagedPolicyVersionRecord>
{
    public void Configure(EntityTypeBuilder<CustomerManagedPolicyVersionRecord> builder)
    {
        builder.ToTable("CustomerManagedPolicyVersions");
        builder.HasKey(v => new { v.PolicyId, v.VersionId });
        builder.Property(v => v.PolicyId).HasMaxLength(32);
        builder.Property(v => v.VersionId).HasMaxLength(16);
        builder.Property(v => v.Document).IsRequired();
    }
}
