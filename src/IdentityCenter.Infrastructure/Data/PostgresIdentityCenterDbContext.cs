using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>The PostgreSQL flavour (<c>IdentityCenter:Database:Provider=PostgreSQL</c>). Migrations in Data/Migrations/PostgreSql.</summary>
public sealed class PostgresIdentityCenterDbContext(DbContextOptions<PostgresIdentityCenterDbContext> options)
    : IdentityCenterDbContext(options);
