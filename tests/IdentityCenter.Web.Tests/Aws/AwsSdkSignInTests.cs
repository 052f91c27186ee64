using Amazon.SSO;
using Amazon.SSO.Model;
using Amazon.SSOOIDC.Model;
using IdentityCenter.Core.Sso;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Infrastructure.Sso;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OidcInvalidRequestException = Amazon.SSOOIDC.Model.InvalidRequestException;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The official AWS SDK for .NET (AWSSDK.SSOOIDC, AWSSDK.SSO), unmodified, against the real app on Kestrel:
/// every step of the CLI's sign-in and every failure on that path gets the exception the SDK models.
/// </summary>
public sealed class AwsSdkSignInTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    private const string DeviceGrant = OidcGrantTypes.DeviceCode;

    [Fact]
    public async Task DeviceCode_PendingThenSlowDownThenApproved_IssuesTokensThatLastTheSessionDuration()
    {
        using var oidc = host.OidcClient();
        var client = await AwsApiHost.RegisterAsync(oidc);
        Assert.False(string.IsNullOrEmpty(client.ClientId));
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds(), client.ClientIdIssuedAt);
        Assert.Equal((host.Time.GetUtcNow() + TimeSpan.FromDays(90)).ToUnixTimeSeconds(), client.ClientSecretExpiresAt);

        var device = await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = host.StartUrl });
        Assert.Matches("^[BCDFGHJKMNPQRSTVWXZ]{4}-[BCDFGHJKMNPQRSTVWXZ]{4}$", device.UserCode);
        Assert.Equal(new Uri(host.BaseUrl, "device").ToString(), device.VerificationUri);
        Assert.Equal(device.VerificationUri + "?user_code=" + device.UserCode, device.VerificationUriComplete);
        Assert.Equal(600, device.ExpiresIn);
        Assert.Equal(5, device.Interval);

        var poll = new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = DeviceGrant, DeviceCode = device.DeviceCode };
        var pending = await Assert.ThrowsAsync<AuthorizationPendingException>(() => oidc.CreateTokenAsync(poll));
        Assert.Equal("authorization_pending", pending.Error);
        await Assert.ThrowsAsync<SlowDownException>(() => oidc.CreateTokenAsync(poll));
        host.Time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<AuthorizationPendingException>(() => oidc.CreateTokenAsync(poll));

        var user = await host.SignInAsync("ana.admin");
        await host.DecideDeviceAsync(device.UserCode, user);
        var token = await oidc.CreateTokenAsync(poll);

        Assert.StartsWith("aoa", token.AccessToken, StringComparison.Ordinal);
        Assert.StartsWith("aor", token.RefreshToken, StringComparison.Ordinal);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal((int)TimeSpan.FromHours(8).TotalSeconds, token.ExpiresIn);

        // Single use: the same device code never gives a second token.
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(poll));
    }

    [Fact]
    public async Task DeviceCode_UserDenies_AccessDenied()
    {
        using var oidc = host.OidcClient();
        var client = await AwsApiHost.RegisterAsync(oidc);
        var device = await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = host.StartUrl });

        await host.DecideDeviceAsync(device.UserCode, await host.SignInAsync("ben.dev"), allow: false);

        await Assert.ThrowsAsync<Amazon.SSOOIDC.Model.AccessDeniedException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = DeviceGrant, DeviceCode = device.DeviceCode }));
    }

    [Fact]
    public async Task DeviceCode_AfterTenMinutes_ExpiredTokenAndNoLongerApprovable()
    {
        using var oidc = host.OidcClient();
        var client = await AwsApiHost.RegisterAsync(oidc);
        var device = await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = host.StartUrl });

        host.Time.Advance(TimeSpan.FromSeconds(601));

        await Assert.ThrowsAsync<ExpiredTokenException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = DeviceGrant, DeviceCode = device.DeviceCode }));
        await using var scope = host.Services.CreateAsyncScope();
        var lookup = await scope.ServiceProvider.GetRequiredService<SsoOidcService>().FindByUserCodeAsync(device.UserCode);
        Assert.Equal(ConsentLookup.Expired, lookup.Outcome);
    }

    [Fact]
    public async Task WrongClientSecret_InvalidClient401_ForDeviceAuthorizationAndToken()
    {
        using var oidc = host.OidcClient();
        var client = await AwsApiHost.RegisterAsync(oidc);

        var start = await Assert.ThrowsAsync<InvalidClientException>(() => oidc.StartDeviceAuthorizationAsync(
            new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret + "x", StartUrl = host.StartUrl }));
        var token = await Assert.ThrowsAsync<InvalidClientException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = "not-the-secret", GrantType = DeviceGrant, DeviceCode = "x" }));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    public async Task RegisterClient_BadMetadata_ModelledExceptions()
    {
        using var oidc = host.OidcClient();

        await Assert.ThrowsAsync<InvalidClientMetadataException>(() => oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "x", ClientType = "confidential" }));
        await Assert.ThrowsAsync<InvalidRedirectUriException>(() => oidc.RegisterClientAsync(new RegisterClientRequest
        {
            ClientName = "x",
            ClientType = "public",
            GrantTypes = [OidcGrantTypes.AuthorizationCode],
            RedirectUris = ["https://attacker.example/callback"],
        }));
        await Assert.ThrowsAsync<UnsupportedGrantTypeException>(() => oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "x", ClientType = "public", GrantTypes = ["client_credentials"] }));
        await Assert.ThrowsAsync<InvalidScopeException>(() => oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "x", ClientType = "public", Scopes = ["has space"] }));
        await Assert.ThrowsAsync<OidcInvalidRequestException>(() => oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "", ClientType = "public" }));
    }

    [Fact]
    public async Task CreateToken_UnknownGrantTypeOrGrantNotRegistered_ModelledExceptions()
    {
        using var oidc = host.OidcClient();
        var client = await AwsApiHost.RegisterAsync(oidc);

        await Assert.ThrowsAsync<UnsupportedGrantTypeException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = "password" }));
        await Assert.ThrowsAsync<UnauthorizedClientException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = OidcGrantTypes.AuthorizationCode, Code = "c", RedirectUri = "http://127.0.0.1/cb", CodeVerifier = new string('a', 43) }));
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = DeviceGrant, DeviceCode = "no-such-device-code" }));
    }

    [Fact]
    public async Task ListAccountsAndRoles_PagedOneByOne_ReturnEveryEntitlementOnce()
    {
        var (_, token, user) = await host.SignInCliAsync("ana.admin");
        using var sso = host.SsoClient();
        await using var scope = host.Services.CreateAsyncScope();
        var entitlements = scope.ServiceProvider.GetRequiredService<IEntitlementService>();
        var expectedAccounts = await entitlements.ListAccountsAsync(user.UserId);
        Assert.True(expectedAccounts.Count > 1, "the workshop administrator has several accounts");

        var accounts = new List<Amazon.SSO.Model.AccountInfo>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken, MaxResults = 1, NextToken = next });
            Assert.Single(page.AccountList);
            accounts.AddRange(page.AccountList);
            next = page.NextToken;
            pages++;
        }
        while (next is not null);

        Assert.Equal(expectedAccounts.Count, pages);
        Assert.Equal(expectedAccounts.Select(a => (a.AccountId, a.AccountName, a.EmailAddress)), accounts.Select(a => (a.AccountId, a.AccountName, a.EmailAddress)));

        var withRoles = expectedAccounts[0];
        var expectedRoles = await entitlements.ListRolesAsync(user.UserId, withRoles.AccountId);
        var roles = new List<RoleInfo>();
        next = null;
        do
        {
            var page = await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = withRoles.AccountId, MaxResults = 1, NextToken = next });
            roles.AddRange(page.RoleList);
            next = page.NextToken;
        }
        while (next is not null);

        Assert.Equal(expectedRoles.Select(r => r.RoleName), roles.Select(r => r.RoleName));
        Assert.All(roles, r => Assert.Equal(withRoles.AccountId, r.AccountId));
        await Assert.ThrowsAsync<Amazon.SSO.Model.InvalidRequestException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken, NextToken = "forged" }));
    }

    [Fact]
    public async Task GetRoleCredentials_AssignedRole_CredentialsInMillisecondsAndAuditedLikeThePortal()
    {
        var (_, token, user) = await host.SignInCliAsync("ana.admin");
        using var sso = host.SsoClient();
        var account = (await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList[0];
        var role = (await sso.ListAccountRolesAsync(new ListAccountRolesRequest { AccessToken = token.AccessToken, AccountId = account.AccountId })).RoleList[0];
        var before = host.Time.GetUtcNow();

        var response = await sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = account.AccountId, RoleName = role.RoleName });

        var c = response.RoleCredentials;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", c.AccessKeyId);
        Assert.Equal(40, c.SecretAccessKey.Length);
        Assert.False(string.IsNullOrEmpty(c.SessionToken));
        Assert.InRange(c.Expiration!.Value, (before + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(), (before + TimeSpan.FromHours(12)).ToUnixTimeMilliseconds());

        var audited = (await host.AuditEventsAsync(CredentialAuditNames.GetRoleCredentials))
            .First(e => e.ResponseElements.TryGetValue("accessKeyId", out var id) && id == c.AccessKeyId);
        Assert.Equal(user.UserId, audited.UserIdentity.PrincipalId);
        Assert.Equal("127.0.0.1", audited.SourceIpAddress);
        Assert.Contains("aws-sdk-dotnet", audited.UserAgent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(role.RoleName, audited.RequestParameters["roleName"]);
    }

    [Theory]
    [InlineData("999999999999", "AdministratorAccess")]
    [InlineData(null, "NoSuchRole")]
    [InlineData(null, "Billing")]
    public async Task GetRoleCredentials_NotEntitled_ForbiddenNoAccessWithoutHint(string? accountId, string roleName)
    {
        var (_, token, user) = await host.SignInCliAsync("ben.dev");
        using var sso = host.SsoClient();
        accountId ??= (await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken })).AccountList[0].AccountId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var roles = await scope.ServiceProvider.GetRequiredService<IEntitlementService>().ListRolesAsync(user.UserId, accountId);
            Assert.DoesNotContain(roles, r => r.RoleName == roleName);
        }

        var refused = await Assert.ThrowsAsync<AmazonSSOException>(() => sso.GetRoleCredentialsAsync(
            new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = accountId, RoleName = roleName }));

        Assert.Equal("ForbiddenException", refused.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("No access", refused.Message);
    }

    [Fact]
    public async Task Refresh_RotatesTokens_OldRefreshTokenRefused_ReuseRevokesTheWholeChain()
    {
        var (client, first, _) = await host.SignInCliAsync("cara.data");
        using var oidc = host.OidcClient();
        using var sso = host.SsoClient();
        var refresh = new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = OidcGrantTypes.RefreshToken, RefreshToken = first.RefreshToken };

        var second = await oidc.CreateTokenAsync(refresh);

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = second.AccessToken });

        // The used refresh token is refused, and presenting it revokes what the rotation issued.
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(refresh));
        await Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = second.AccessToken }));
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = OidcGrantTypes.RefreshToken, RefreshToken = second.RefreshToken }));
    }

    [Fact]
    public async Task Logout_EndsTheSignInSession_TokensAndRefreshRefused()
    {
        var (client, token, user) = await host.SignInCliAsync("dan.ops");
        using var oidc = host.OidcClient();
        using var sso = host.SsoClient();

        await sso.LogoutAsync(new LogoutRequest { AccessToken = token.AccessToken });

        await Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));
        await Assert.ThrowsAsync<UnauthorizedException>(() => sso.LogoutAsync(new LogoutRequest { AccessToken = token.AccessToken }));
        await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(
            new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = OidcGrantTypes.RefreshToken, RefreshToken = token.RefreshToken }));
        await using var scope = host.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IUserSessionService>().IsActiveAsync(user.SessionId));
        Assert.Contains(await host.AuditEventsAsync(SsoAuditNames.Logout), e => e.TargetUserId == user.UserId);
    }

    [Fact]
    public async Task DisabledUser_TokensRefused()
    {
        var (client, token, _) = await host.SignInCliAsync("eve.audit");
        using var oidc = host.OidcClient();
        using var sso = host.SsoClient();
        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken });

        await host.SetEnabledAsync("eve.audit", false);
        try
        {
            await Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));
            await Assert.ThrowsAsync<InvalidGrantException>(() => oidc.CreateTokenAsync(
                new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = OidcGrantTypes.RefreshToken, RefreshToken = token.RefreshToken }));
        }
        finally
        {
            await host.SetEnabledAsync("eve.audit", true);
        }
    }

    [Fact]
    public async Task AdministratorDeletesTheSession_TokensRefused()
    {
        var (_, token, user) = await host.SignInCliAsync("finn.finance");
        using var sso = host.SsoClient();
        await sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken });

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var ended = await scope.ServiceProvider.GetRequiredService<IUserSessionService>().EndSessionAsync(user.UserId, user.SessionId, IdentityCenter.Core.Audit.Actor.System);
            Assert.True(ended.Succeeded, ended.Summary);
        }

        await Assert.ThrowsAsync<UnauthorizedException>(() => sso.GetRoleCredentialsAsync(new GetRoleCredentialsRequest { AccessToken = token.AccessToken, AccountId = "111111111111", RoleName = "x" }));
    }

    [Fact]
    public async Task TokenWithoutAccountAccessScope_RefusedByThePortalApi()
    {
        using var oidc = host.OidcClient();
        var client = await oidc.RegisterClientAsync(new RegisterClientRequest { ClientName = "other-app", ClientType = "public", Scopes = ["codewhisperer:completions"] });
        var device = await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, StartUrl = host.StartUrl });
        await host.DecideDeviceAsync(device.UserCode, await host.SignInAsync("ben.dev"));
        var token = await oidc.CreateTokenAsync(new CreateTokenRequest { ClientId = client.ClientId, ClientSecret = client.ClientSecret, GrantType = DeviceGrant, DeviceCode = device.DeviceCode });
        using var sso = host.SsoClient();

        await Assert.ThrowsAsync<UnauthorizedException>(() => sso.ListAccountsAsync(new ListAccountsRequest { AccessToken = token.AccessToken }));
    }

    [Fact]
    public async Task Tokens_StoredOnlyAsHashes()
    {
        var (client, token, _) = await host.SignInCliAsync("ben.dev");

        var (storedSecret, hashes) = await host.WithDbAsync(async db => (
            await db.OidcClients.Where(c => c.Id == client.ClientId).Select(c => c.SecretHash).SingleAsync(),
            await db.OidcTokens.Select(t => t.TokenHash).ToListAsync()));

        Assert.Equal(OidcProtocol.Hash(client.ClientSecret), storedSecret);
        Assert.Contains(OidcProtocol.Hash(token.AccessToken), hashes);
        Assert.Contains(OidcProtocol.Hash(token.RefreshToken), hashes);
        Assert.DoesNotContain(token.AccessToken, hashes);
        var plaintextAnywhere = await host.WithDbAsync(db => db.OidcTokens.AnyAsync(t => t.TokenHash == token.AccessToken || t.TokenHash == token.RefreshToken));
        Assert.False(plaintextAnywhere);
    }

    [Fact]
    public async Task CreateToken_Audited_WithSourceAddressAndUserAgent()
    {
        var (client, _, user) = await host.SignInCliAsync("cara.data");

        var events = await host.AuditEventsAsync(SsoAuditNames.CreateToken);

        var issued = Assert.Single(events, e => e.RequestParameters.TryGetValue("clientId", out var id) && id == client.ClientId && e.ErrorCode is null);
        Assert.Equal(user.UserId, issued.TargetUserId);
        Assert.Equal("127.0.0.1", issued.SourceIpAddress);
        Assert.Contains("aws-sdk-dotnet", issued.UserAgent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await host.AuditEventsAsync(SsoAuditNames.AuthorizeClient), e => e.TargetUserId == user.UserId && e.ResponseElements["decision"] == "Allow");
        Assert.Contains(await host.AuditEventsAsync(SsoAuditNames.RegisterClient), e => e.ResponseElements.TryGetValue("clientId", out var id) && id == client.ClientId);
    }
}
