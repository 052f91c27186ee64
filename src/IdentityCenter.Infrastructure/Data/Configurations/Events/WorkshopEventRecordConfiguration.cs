using IdentityCenter.Infrastructure.Data.Entities.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations.Events;

internal sealed class WorkshopEventRecordConfiguration : IEntityTypeConfiguration<WorkshopEventRecord>
{
    public void Configure(EntityTypeBuilder<WorkshopEventRecord> builder)
    {
        builder.ToTable("WorkshopEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64);
        builder.Property(e => e.Name).HasMaxLength(128).IsRequired();
        builder.Property(e => e.UserNamePrefix).HasMaxLength(64).IsRequired();
        builder.Property(e => e.AccountMode).HasMaxLength(32).IsRequired();
        builder.Property(e => e.SharedAccountId).HasMaxLength(12);
        builder.Property(e => e.OrganizationalUnitId).HasMaxLength(68);
        builder.Property(e => e.AssignmentScope).HasMaxLength(32).IsRequired();
        builder.Property(e => e.GroupIds).HasMaxLength(4096);
        builder.Property(e => e.PermissionSetIds).HasMaxLength(4096);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);

        // The maintenance tick looks for events that are due to end.
        builder.HasIndex(e => new { e.EndedAt, e.EndsAt });
        builder.HasMany(e => e.Attendees).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkshopAttendeeRecordConfiguration : IEntityTypeConfiguration<WorkshopAttendeeRecord>
{
    public void Configure(EntityTypeBuilder<WorkshopAttendeeRecord> builder)
    {
        builder.ToTable("WorkshopAttendees");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(64);
        builder.Property(a => a.EventId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.UserId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.UserName).HasMaxLength(128).IsRequired();
        builder.Property(a => a.AccountId).HasMaxLength(12);
        builder.HasIndex(a => new { a.EventId, a.Number }).IsUnique();
        builder.HasIndex(a => a.UserId);
    }
}

internal sealed class WorkshopEventTemplateRecordConfiguration : IEntityTypeConfiguration<WorkshopEventTemplateRecord>
{
    public void Configure(EntityTypeBuilder<WorkshopEventTemplateRecord> builder)
    {
        builder.ToTable("WorkshopEventTemplates");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(128).IsRequired();
        builder.Property(t => t.UserNamePrefix).HasMaxLength(64).IsRequired();
        builder.Property(t => t.AccountMode).HasMaxLength(32).IsRequired();
        builder.Property(t => t.SharedAccountId).HasMaxLength(12);
        builder.Property(t => t.ParentOrganizationalUnitId).HasMaxLength(68);
        builder.Property(t => t.AssignmentScope).HasMaxLength(32).IsRequired();
        builder.Property(t => t.GroupIds).HasMaxLength(4096);
        builder.Property(t => t.PermissionSetIds).HasMaxLength(4096);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);

        // Names are unique: a concurrent save of the same name is refused by the database too.
        builder.HasIndex(t => t.Name).IsUnique();
    }
}
