using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class ChangeGenerationRecordConfiguration : IEntityTypeConfiguration<ChangeGenerationRecord>
{
    public void Configure(EntityTypeBuilder<ChangeGenerationRecord> builder)
    {
        builder.ToTable("ChangeGenerations");
        builder.HasKey(g => g.Concern);
        builder.Property(g => g.Concern).HasMaxLength(64);

        // Every row exists from the migration on, so a bump is one UPDATE and never an insert race.
        builder.HasData(ChangeConcerns.All.Select(c => new ChangeGenerationRecord { Concern = c, Generation = 0 }));
    }
}
