using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Web.Services;

/// <summary>The IAM actions the console's directory pages and buttons stand for (real AWS action names).</summary>
public static class ConsoleActions
{
    public const string ListUsers = "identitystore:ListUsers";
    public const string DescribeUser = "identitystore:DescribeUser";
    public const string CreateUser = "identitystore:CreateUser";
    public const string UpdateUser = "identitystore:UpdateUser";
    public const string DeleteUser = "identitystore:DeleteUser";
    public const string ListGroups = "identitystore:ListGroups";
    public const string DescribeGroup = "identitystore:DescribeGroup";
    public const string CreateGroup = "identitystore:CreateGroup";
    public const string UpdateGroup = "identitystore:UpdateGroup";
    public const string DeleteGroup = "identitystore:DeleteGroup";
    public const string CreateGroupMembership = "identitystore:CreateGroupMembership";
    public const string DeleteGroupMembership = "identitystore:DeleteGroupMembership";
    public const string ResetPassword = "sso-directory:UpdatePassword";
    public const string EnableUser = "sso-directory:EnableUser";
    public const string DisableUser = "sso-directory:DisableUser";
    public const string DeleteMfaDevice = "sso-directory:DeleteMfaDeviceForUser";
    public const string DeleteSessions = "identitystore-auth:BatchDeleteSession";
}

/// <summary>Authorization policies of the directory pages: the signed-in administrator's documents must allow the page's action.</summary>
public static class ConsolePolicies
{
    public const string Users = IdentityCenterPolicies.AdministrativeAction + ConsoleActions.ListUsers;
    public const string UserDetail = IdentityCenterPolicies.AdministrativeAction + ConsoleActions.DescribeUser;
    public const string Groups = IdentityCenterPolicies.AdministrativeAction + ConsoleActions.ListGroups;
    public const string GroupDetail = IdentityCenterPolicies.AdministrativeAction + ConsoleActions.DescribeGroup;
}
