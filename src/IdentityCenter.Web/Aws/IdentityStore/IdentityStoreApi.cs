namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>The identitystore 2020-06-15 operations at <c>/aws/...</c> (see <see cref="Microsoft.AspNetCore.Routing.AwsAdministrationEndpoints"/>).</summary>
public static class IdentityStoreApi
{
    public static AwsJsonService Service { get; } = AwsJsonService.IdentityStore(new Dictionary<string, AwsJsonOperation>(StringComparer.Ordinal));
}
