using IdentityCenter.Infrastructure.Data.Entities.Sso;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Sso;

internal sealed class OidcClientRecordConfiguration : IEntityTypeConfiguration<OidcClientRecord>
{
    public void Configure(EntityTypeBuilder<OidcClientRecord> builder)
    {
        builder.ToTable("OidcClients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.Name).HasMaxLength(256);
        builder.Property(c => c.SecretHash).HasMaxLength(64);
        builder.Property(c => c.Scopes).HasMaxLength(4096);
        builder.Property(c => c.GrantTypes).HasMaxLength(512);
        builder.Property(c => c.RedirectUris).HasMaxLength(8192);
        builder.Property(c => c.IssuerUrl).HasMaxLength(2048);
        builder.Property(c => c.SourceIpAddress).HasMaxLength(64);
        builder.HasIndex(c => c.ExpiresAt);
    }
}

internal sealed class OidcAuthorizationRecordConfiguration : IEntityTypeConfiguration<OidcAuthorizationRecord>
{
    public void Configure(EntityTypeBuilder<OidcAuthorizationRecord> builder)
    {
        builder.ToTable("OidcAuthorizations");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.ClientId).HasMaxLength(64);
        builder.Property(a => a.DeviceCodeHash).HasMaxLength(64);
        builder.Property(a => a.UserCodeHash).HasMaxLength(64);
        builder.Property(a => a.CodeHash).HasMaxLength(64);
        builder.Property(a => a.CodeChallenge).HasMaxLength(128);
        builder.Property(a => a.RedirectUri).HasMaxLength(2048);
        builder.Property(a => a.State).HasMaxLength(1024);
        builder.Property(a => a.Scopes).HasMaxLength(4096);
        builder.Property(a => a.StartUrl).HasMaxLength(2048);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.Property(a => a.SessionId).HasMaxLength(64);
        builder.HasIndex(a => a.DeviceCodeHash).IsUnique();
        builder.HasIndex(a => a.UserCodeHash);
        builder.HasIndex(a => a.CodeHash).IsUnique();
        builder.HasIndex(a => a.ExpiresAt);
        builder.HasOne<OidcClientRecord>().WithMany().HasForeignKey(a => a.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OidcTokenRecordConfiguration : IEntityTypeConfiguration<OidcTokenRecord>
{
    public void Configure(EntityTypeBuilder<OidcTokenRecord> builder)
    {
        builder.ToTable("OidcTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.GrantId).HasMaxLength(64);
        builder.Property(t => t.Kind).HasMaxLength(16);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.ClientId).HasMaxLength(64);
        builder.Property(t => t.SessionId).HasMaxLength(64);
        builder.Property(t => t.Scopes).HasMaxLength(4096);
        builder.Property(t => t.RevokeReason).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.GrantId);
        builder.HasIndex(t => t.SessionId);
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OidcClientRecord>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
