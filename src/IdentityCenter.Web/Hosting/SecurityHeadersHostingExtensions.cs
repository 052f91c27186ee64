using IdentityCenter.Infrastructure.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Hosting;

/// <summary>The named security header policies; endpoints opt in with <c>WithSecurityHeadersPolicy</c>.</summary>
public static class SecurityHeaderPolicies
{
    /// <summary>The default headers plus <c>Cache-Control: no-store</c>: for every response that carries credentials or secrets.</summary>
    public const string NoStore = "no-store";
}

/// <summary>
/// Security headers on every response (NetEscapades.AspNetCore.SecurityHeaders): a Content-Security-Policy that the
/// Blazor Server circuit and MudBlazor work under with no inline script (MudBlazor needs inline styles), framing
/// refused, no MIME sniffing, no referrer; <see cref="SecurityHeaderPolicies.NoStore"/> for responses with secrets.
/// </summary>
internal static class SecurityHeadersHostingExtensions
{
    public static IHostApplicationBuilder AddIdentityCenterSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSecurityHeaderPolicies((policies, services) =>
        {
            var publicUrl = IdentityCenterOptions.ParsePublicUrl(services.GetRequiredService<IOptions<IdentityCenterOptions>>().Value.PublicUrl);
            policies.SetDefaultPolicy(p => AddHeaders(p, publicUrl));
            policies.AddPolicy(SecurityHeaderPolicies.NoStore, p => AddHeaders(p, publicUrl).AddCustomHeader("Cache-Control", "no-store"));
        });

        // X-Frame-Options comes from the policy (DENY), not from antiforgery (SAMEORIGIN).
        builder.Services.Configure<AntiforgeryOptions>(o => o.SuppressXFrameOptionsHeader = true);
        return builder;
    }

    /// <summary>Early in the pipeline, so that error pages, redirects and refusals carry the headers too.</summary>
    public static WebApplication UseIdentityCenterSecurityHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders();
        return app;
    }

    private static HeaderPolicyCollection AddHeaders(HeaderPolicyCollection policies, Uri? publicUrl) => policies
        .AddContentTypeOptionsNoSniff()
        .AddFrameOptionsDeny()
        .AddReferrerPolicyNoReferrer()
        .AddStrictTransportSecurityMaxAge(maxAgeInSeconds: 60 * 60 * 24 * 365)
        .AddCrossOriginOpenerPolicy(p => p.SameOrigin())
        .AddCrossOriginResourcePolicy(p => p.SameOrigin())
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddBaseUri().Self();
            csp.AddObjectSrc().None();
            csp.AddScriptSrc().Self();

            // MudBlazor writes <style> elements and style attributes.
            csp.AddStyleSrc().Self().UnsafeInline();

            // The authenticator QR code is a data: URL.
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self().Data();

            // The Blazor circuit's WebSocket: 'self' covers same-origin ws/wss; the public origin is named too.
            var connect = csp.AddConnectSrc().Self();
            if (publicUrl is not null)
            {
                connect.From((publicUrl.Scheme == Uri.UriSchemeHttps ? "wss://" : "ws://") + publicUrl.Authority);
            }

            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        });
}
