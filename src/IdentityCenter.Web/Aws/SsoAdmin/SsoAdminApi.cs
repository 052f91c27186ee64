namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>The sso-admin 2020-07-20 operations at <c>/aws/...</c> (see <see cref="Microsoft.AspNetCore.Routing.AwsAdministrationEndpoints"/>).</summary>
public static class SsoAdminApi
{
    public static AwsJsonService Service { get; } = AwsJsonService.SsoAdmin(new Dictionary<string, AwsJsonOperation>(StringComparer.Ordinal));
}
