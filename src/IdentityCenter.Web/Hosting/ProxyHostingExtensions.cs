using IdentityCenter.Infrastructure.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Hosting;

/// <summary>
/// Running behind a TLS-terminating reverse proxy: the forwarded client address and scheme of trusted proxies
/// (<c>IdentityCenter:Proxy</c>), and the public origin (<c>IdentityCenter:PublicUrl</c>) that redirects, absolute
/// URLs and the cookies' <c>Secure</c> flag are based on.
/// </summary>
internal static class ProxyHostingExtensions
{
    public static IHostApplicationBuilder AddIdentityCenterProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<IdentityCenterOptions>>((forwarded, identityCenter) =>
        {
            var proxy = identityCenter.Value.Proxy;

            // X-Forwarded-Host is not applied: the public host comes from configuration, never from a request.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Only the configured proxies are trusted (the framework's default trusts loopback), and each hop of a
            // chain is applied only while its sender is one of them.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            foreach (var address in proxy.ParseKnownProxies())
            {
                forwarded.KnownProxies.Add(address);
            }

            foreach (var network in proxy.ParseKnownNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });

        // Identity's cookies are Secure on https requests; the antiforgery cookie is too, with this.
        builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>Goes first in the pipeline, so that everything after it sees the client's address, scheme and the public host.</summary>
    public static WebApplication UseIdentityCenterProxy(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IdentityCenterOptions>>().Value;
        if (options.Proxy.IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        if (IdentityCenterOptions.ParsePublicUrl(options.PublicUrl) is { } publicUrl)
        {
            var scheme = publicUrl.Scheme;
            var host = HostString.FromUriComponent(publicUrl);
            app.Use((context, next) =>
            {
                context.Request.Scheme = scheme;
                context.Request.Host = host;
                return next(context);
            });
        }

        return app;
    }
}
