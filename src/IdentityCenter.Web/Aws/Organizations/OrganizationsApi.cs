namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>
/// The organizations 2016-11-28 operations at <c>/aws/...</c> (see <see cref="Microsoft.AspNetCore.Routing.AwsAdministrationEndpoints"/>):
/// the organization, root, OUs and accounts (<see cref="OrganizationsStructureOperations"/>), account creation
/// (<see cref="OrganizationsAccountOperations"/>) and SCPs/RCPs with their attachments (<see cref="OrganizationsPolicyOperations"/>).
/// </summary>
public static class OrganizationsApi
{
    public static AwsJsonService Service { get; } = AwsJsonService.Organizations(Operations());

    private static Dictionary<string, AwsJsonOperation> Operations()
    {
        var operations = new Dictionary<string, AwsJsonOperation>(StringComparer.Ordinal);
        OrganizationsStructureOperations.Register(operations);
        OrganizationsAccountOperations.Register(operations);
        OrganizationsPolicyOperations.Register(operations);
        return operations;
    }
}
