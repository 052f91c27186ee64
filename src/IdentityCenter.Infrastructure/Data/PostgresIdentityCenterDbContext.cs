using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>The PostgreSQL flavour (<c>IdentityCenter:Database:Provider=PostgreSQL</c>). Migrations in Data/Migrations/PostgreSql.</summary>
public sealed class PostgresIdentityCenterDbContext(DbContextOptions<PostgresIdentityCenterDbContext> options)
    : IdentityCenterDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The users search matches anywhere in user name, display name or email (LIKE '%x%'):
        // trigram GIN indexes keep it from scanning every row. pg_trgm is a trusted extension.
        builder.HasPostgresExtension("pg_trgm");
        var users = builder.Entity<ApplicationUser>();
        users.HasIndex(u => u.NormalizedUserName, "IX_AspNetUsers_NormalizedUserName_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        users.HasIndex(u => u.NormalizedDisplayName, "IX_AspNetUsers_NormalizedDisplayName_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        users.HasIndex(u => u.NormalizedEmail, "IX_AspNetUsers_NormalizedEmail_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");

        // Late pages by user name read ids from the unique index alone (index-only scan), then fetch 25 rows.
        users.HasIndex(u => u.NormalizedUserName).HasDatabaseName("UserNameIndex").IsUnique().IncludeProperties(u => u.Id);
    }
}
