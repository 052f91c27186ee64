using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>A directory user. Profile fields arrive with the directory feature.</summary>
public sealed class ApplicationUser : IdentityUser
{
}
