using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>An HTTP API endpoint of the running app: its route, methods and the names of its bound parameters.</summary>
public sealed record ApiEndpoint(RouteEndpoint Endpoint, IReadOnlyList<string> Methods, IReadOnlyList<string> ParameterNames)
{
    public string Pattern => Endpoint.RoutePattern.RawText ?? "";

    public override string ToString() => $"{string.Join('|', Methods)} {Pattern}";
}

/// <summary>The app's routes, read from its endpoint data source, so that endpoints added later are found without a list to maintain.</summary>
public static class AppEndpoints
{
    /// <summary>Every route endpoint (pages, APIs, framework endpoints, static assets).</summary>
    public static IReadOnlyList<RouteEndpoint> All(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>
    /// The HTTP APIs: endpoints that are not Razor component pages (HTML forms), static assets or the framework's
    /// own endpoints (<c>/_blazor</c>, <c>/_framework</c>). One without HTTP method metadata answers GET and POST.
    /// </summary>
    public static IReadOnlyList<ApiEndpoint> Apis(IServiceProvider services) =>
        [.. All(services)
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .Where(e => !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith('_'))
            .Select(e => new ApiEndpoint(
                e,
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"],
                [.. e.Metadata.OfType<IParameterBindingMetadata>().Select(p => p.Name).Concat(e.RoutePattern.Parameters.Select(p => p.Name)).Distinct(StringComparer.Ordinal)]))];
}
