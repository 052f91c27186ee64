namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>
/// The sso-admin 2020-07-20 operations at <c>/aws/...</c> (see <see cref="Microsoft.AspNetCore.Routing.AwsAdministrationEndpoints"/>):
/// instances, permission sets and their policies and tags (<see cref="SsoAdminPermissionSets"/>), account assignments and
/// provisioning with their request statuses (<see cref="SsoAdminAssignments"/>), and ABAC attributes
/// (<see cref="SsoAdminAccessControlAttributes"/>).
/// </summary>
public static class SsoAdminApi
{
    public static AwsJsonService Service { get; } = AwsJsonService.SsoAdmin(Operations());

    private static Dictionary<string, AwsJsonOperation> Operations()
    {
        var operations = new Dictionary<string, AwsJsonOperation>(StringComparer.Ordinal);
        SsoAdminPermissionSets.Register(operations);
        SsoAdminAssignments.Register(operations);
        SsoAdminAccessControlAttributes.Register(operations);
        return operations;
    }
}
