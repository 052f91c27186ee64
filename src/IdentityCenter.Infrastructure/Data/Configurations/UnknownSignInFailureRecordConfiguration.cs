using IdentityCenter.Infrastructure.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IdentityCenter.Infrastructure.Data.Configurations;

internal sealed class UnknownSignInFailureRecordConfiguration : IEntityTypeConfiguration<UnknownSignInFailureRecord>
{
    public void Configure(EntityTypeBuilder<UnknownSignInFailureRecord> builder)
    {
        builder.ToTable("UnknownSignInFailures");
        builder.HasKey(f => f.NormalizedName);

        // As long as a user name may be (ASP.NET Core Identity's column).
        builder.Property(f => f.NormalizedName).HasMaxLength(256);
        builder.HasIndex(f => f.LastFailureAt);
    }
}
