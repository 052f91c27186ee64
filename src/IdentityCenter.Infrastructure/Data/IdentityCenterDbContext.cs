using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Data;

public sealed class IdentityCenterDbContext(DbContextOptions<IdentityCenterDbContext> options)
    : IdentityDbContext<ApplicationUser>(options);
