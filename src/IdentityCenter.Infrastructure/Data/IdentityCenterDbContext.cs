using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using IdentityCenter.Infrastructure.Data.Entities.Sso;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Data;

/// <summary>
/// The application database: Identity's tables, the directory (groups, memberships, MFA devices,
/// password history, sessions, settings), the audit trail and the Data Protection key ring.
/// Abstract: each provider has a derived context with its own migrations
/// (<see cref="SqliteIdentityCenterDbContext"/>, <see cref="PostgresIdentityCenterDbContext"/>);
/// services depend on this type only.
/// </summary>
public abstract class IdentityCenterDbContext : IdentityDbContext<ApplicationUser>, IDataProtectionKeyContext
{
    protected IdentityCenterDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();

    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    public DbSet<MfaDevice> MfaDevices => Set<MfaDevice>();

    /// <summary>Long-term access keys of users (secrets sealed with the key ring).</summary>
    public DbSet<AccessKeyRecord> AccessKeys => Set<AccessKeyRecord>();

    /// <summary>Administration documents attached to users and groups (beyond the built-in groups' own).</summary>
    public DbSet<AdministrationPolicyRecord> AdministrationPolicies => Set<AdministrationPolicyRecord>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<AuditRecord> AuditEvents => Set<AuditRecord>();

    public DbSet<DirectorySettingsRecord> DirectorySettings => Set<DirectorySettingsRecord>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Access model (organization, policies, permission sets, assignments, ABAC).
    public DbSet<OrganizationRecord> Organizations => Set<OrganizationRecord>();

    public DbSet<OrganizationalUnitRecord> OrganizationalUnits => Set<OrganizationalUnitRecord>();

    public DbSet<AccountRecord> Accounts => Set<AccountRecord>();

    public DbSet<OrganizationPolicyRecord> OrganizationPolicies => Set<OrganizationPolicyRecord>();

    public DbSet<OrganizationPolicyAttachmentRecord> OrganizationPolicyAttachments => Set<OrganizationPolicyAttachmentRecord>();

    public DbSet<CustomerManagedPolicyRecord> CustomerManagedPolicies => Set<CustomerManagedPolicyRecord>();

    public DbSet<CustomerManagedPolicyVersionRecord> CustomerManagedPolicyVersions => Set<CustomerManagedPolicyVersionRecord>();

    public DbSet<SsoInstanceRecord> SsoInstances => Set<SsoInstanceRecord>();

    public DbSet<PermissionSetRecord> PermissionSets => Set<PermissionSetRecord>();

    public DbSet<ProvisionedRoleRecord> ProvisionedRoles => Set<ProvisionedRoleRecord>();

    public DbSet<AccountAssignmentRecord> AccountAssignments => Set<AccountAssignmentRecord>();

    public DbSet<AccessControlAttributeRecord> AccessControlAttributes => Set<AccessControlAttributeRecord>();

    public DbSet<UserAccessAttributeRecord> UserAccessAttributes => Set<UserAccessAttributeRecord>();

    // SSO-OIDC (AWS CLI and SDK sign-in): registered clients, consent requests, tokens (hashed).
    public DbSet<OidcClientRecord> OidcClients => Set<OidcClientRecord>();

    public DbSet<OidcAuthorizationRecord> OidcAuthorizations => Set<OidcAuthorizationRecord>();

    public DbSet<OidcTokenRecord> OidcTokens => Set<OidcTokenRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(IdentityCenterDbContext).Assembly);
    }
}
