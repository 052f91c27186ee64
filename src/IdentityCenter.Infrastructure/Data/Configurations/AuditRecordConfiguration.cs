using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.EventVersion).HasMaxLength(16);
        builder.Property(a => a.EventSource).HasMaxLength(128);
        builder.Property(a => a.EventName).HasMaxLength(128);
        builder.Property(a => a.EventType).HasMaxLength(64);
        builder.Property(a => a.UserIdentityType).HasMaxLength(64);
        builder.Property(a => a.PrincipalId).HasMaxLength(64);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.AccessKeyId).HasMaxLength(128);
        builder.Property(a => a.TargetUserId).HasMaxLength(64);
        builder.Property(a => a.TargetUserName).HasMaxLength(256);
        builder.Property(a => a.SourceIpAddress).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(512);
        builder.Property(a => a.ErrorCode).HasMaxLength(128);
        builder.Property(a => a.ErrorMessage).HasMaxLength(1024);
        builder.HasIndex(a => a.EventId).IsUnique();

        // One index per filter, each ending in time so a filtered page is read in order.
        builder.HasIndex(a => a.EventTime);
        builder.HasIndex(a => new { a.EventName, a.EventTime });
        builder.HasIndex(a => new { a.PrincipalId, a.EventTime });
        builder.HasIndex(a => new { a.TargetUserId, a.EventTime });
        builder.HasIndex(a => new { a.Outcome, a.EventTime });

        // No foreign key to users: the trail must outlive the user it describes.
    }
}
