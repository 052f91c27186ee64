using System.Security.Claims;
using System.Text.Encodings.Web;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>
/// Signs a request in as the user named by the <c>X-Test-User</c> header (id:name), with MFA, for API tests without
/// the sign-in pages; <c>X-Test-Admin: true</c> adds the claim the Administrator policy needs.
/// </summary>
internal sealed class HeaderAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeader";
    public const string Header = "X-Test-User";
    public const string AdminHeader = "X-Test-Admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].FirstOrDefault() is not { } value || value.Split(':') is not [var id, var name])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue)],
            SchemeName);
        if (Request.Headers[AdminHeader] == "true")
        {
            identity.AddClaim(new Claim(IdentityCenterClaimTypes.Administrator, IdentityCenterClaimTypes.TrueValue));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
