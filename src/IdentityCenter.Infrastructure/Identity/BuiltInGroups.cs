namespace IdentityCenter.Infrastructure.Identity;

/// <summary>The group created at first run; its members are administrators.</summary>
public static class BuiltInGroups
{
    public const string AdministratorsId = "00000000-0000-0000-0000-000000000001";
    public const string AdministratorsName = "IdentityCenterAdmins";
    public const string AdministratorsDescription = "Built-in: members administer IdentityCenter (they must sign in with MFA).";
}
