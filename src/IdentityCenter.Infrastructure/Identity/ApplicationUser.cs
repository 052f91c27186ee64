using Microsoft.AspNetCore.Identity;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// A directory user. Identity's columns hold the user name (unique on <c>NormalizedUserName</c>,
/// so case-insensitive), email, password hash, security stamp and lockout state.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Upper-case invariant <see cref="DisplayName"/>, indexed for search and sorting.</summary>
    public string NormalizedDisplayName { get; set; } = "";

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    /// <summary>False = disabled: cannot sign in, and existing sessions were ended when it was disabled.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>When the current password was set (drives MaxPasswordAge).</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>Set for one-time passwords (new users, admin resets, bootstrap): the user must choose a password at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The administrator built into the first run; kept so the first sign-in can demand MFA enrolment.</summary>
    public bool IsBootstrapAdministrator { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
