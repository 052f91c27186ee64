using IdentityCenter.Web.Aws;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityCenter.Web.Hosting;

internal static class AwsStsHostingExtensions
{
    /// <summary>
    /// The SigV4-signed AWS APIs: <see cref="AwsRequestAuthenticator"/> (issued credentials, signature, skew) for
    /// STS at <c>/aws/sts</c> (<see cref="Microsoft.AspNetCore.Routing.AwsStsEndpoints"/>, mapped by
    /// <c>UseIdentityCenterWeb</c>). Needs the credentials feature (<c>SessionCredentialValidator</c>, <c>AuthorizeService</c>).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterAwsSts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<AwsRequestAuthenticator>();

        // The administrative APIs (identitystore, sso-admin, organizations) sign with users' access keys.
        builder.Services.TryAddSingleton<AccessKeyRequestAuthenticator>();
        return builder;
    }
}
