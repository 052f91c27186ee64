namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>The organizations 2016-11-28 operations at <c>/aws/...</c> (see <see cref="Microsoft.AspNetCore.Routing.AwsAdministrationEndpoints"/>).</summary>
public static class OrganizationsApi
{
    public static AwsJsonService Service { get; } = AwsJsonService.Organizations(new Dictionary<string, AwsJsonOperation>(StringComparer.Ordinal));
}
