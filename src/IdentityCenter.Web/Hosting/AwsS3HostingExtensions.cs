using IdentityCenter.Infrastructure.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityCenter.Web.Hosting;

internal static class AwsS3HostingExtensions
{
    /// <summary>
    /// The demo object store at <c>/aws/s3</c> (<see cref="Microsoft.AspNetCore.Routing.AwsS3Endpoints"/>, mapped by
    /// <c>UseIdentityCenterWeb</c>): <see cref="S3ObjectStore"/> under the data directory, and the workshop seed's demo buckets
    /// (<see cref="WorkshopBuckets"/>). Needs the SigV4 APIs
    /// (<c>AddIdentityCenterAwsSts</c>) and the credentials feature (<c>AuthorizeService</c>).
    /// </summary>
    public static IHostApplicationBuilder AddIdentityCenterAwsS3(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<S3ObjectStore>();
        builder.Services.TryAddSingleton<WorkshopBuckets>();
        return builder;
    }
}
