using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Credentials;

internal sealed class AccessAdvisorRecordConfiguration : IEntityTypeConfiguration<AccessAdvisorRecord>
{
    public void Configure(EntityTypeBuilder<AccessAdvisorRecord> builder)
    {
        builder.ToTable("AccessAdvisor");
        builder.HasKey(a => new { a.UserId, a.AccountId, a.PermissionSetId, a.Action });
        builder.Property(a => a.UserId).HasMaxLength(64);
        builder.Property(a => a.AccountId).HasMaxLength(12);
        builder.Property(a => a.PermissionSetId).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(128);
        builder.Property(a => a.ServiceNamespace).HasMaxLength(64);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.LastDecision).HasMaxLength(16);
        builder.HasIndex(a => new { a.PermissionSetId, a.ServiceNamespace });
    }
}
