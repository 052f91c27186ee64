using IdentityCenter.Infrastructure.Data.Entities.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Credentials;

internal sealed class TokenKeyRecordConfiguration : IEntityTypeConfiguration<TokenKeyRecord>
{
    public void Configure(EntityTypeBuilder<TokenKeyRecord> builder)
    {
        builder.ToTable("CredentialTokenKeys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(32);
        builder.Property(k => k.ProtectedMaterial).HasMaxLength(2048);
    }
}
