using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Credentials;

internal sealed class CredentialRevocationRecordConfiguration : IEntityTypeConfiguration<CredentialRevocationRecord>
{
    public void Configure(EntityTypeBuilder<CredentialRevocationRecord> builder)
    {
        builder.ToTable("CredentialRevocations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.PrincipalId).HasMaxLength(64);
        builder.Property(r => r.AccountId).HasMaxLength(12);
        builder.Property(r => r.PermissionSetId).HasMaxLength(64);
        builder.Property(r => r.GroupId).HasMaxLength(64);
        builder.Property(r => r.RevokedBy).HasMaxLength(256);
        builder.HasIndex(r => r.RevokedAt);
    }
}
