using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Audit;

namespace IdentityCenter.Web.Aws;

/// <summary>
/// The global condition keys AWS sets on every request a service receives, read from the HTTP request in this one
/// place for every AWS-compatible API: <c>aws:SourceIp</c> and <c>aws:UserAgent</c> (as the audit log records them),
/// <c>aws:SecureTransport</c>, and <c>aws:RequestedRegion</c>, the region the request was signed for.
/// </summary>
public static class AwsRequestKeys
{
    /// <summary>Sets the keys on <paramref name="keys"/> (a new context when null) and returns it.</summary>
    public static RequestContext Add(RequestContext? keys, HttpContext http, string signedRegion) =>
        Add(keys, http, RequestOrigin.From(http), signedRegion);

    /// <summary>As <see cref="Add(RequestContext?, HttpContext, string)"/> with the request's origin already read (<see cref="RequestOrigin.From"/>).</summary>
    public static RequestContext Add(RequestContext? keys, HttpContext http, RequestOrigin origin, string signedRegion)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(origin);
        keys ??= new RequestContext(4);
        if (origin.SourceIpAddress is { } ip)
        {
            keys.Set("aws:SourceIp", ip);
        }

        if (origin.UserAgent is { } agent)
        {
            keys.Set("aws:UserAgent", agent);
        }

        keys.Set("aws:SecureTransport", http.Request.IsHttps ? "true" : "false");
        keys.Set("aws:RequestedRegion", signedRegion);
        return keys;
    }
}
