using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Sso;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Sso;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Sso;

/// <summary>
/// SSO-OIDC as the AWS CLI and SDKs use it (service model <c>sso-oidc</c> 2019-06-10): public clients register,
/// start a device authorization or an authorization-code request (PKCE S256, loopback redirect on any port),
/// a person approves it on the portal with their sign-in session, and the client exchanges the grant for an
/// access token (as long as the portal session duration, never past the session) and a rotating refresh token.
/// Secrets, codes and tokens are stored as SHA-256 only; codes are single use. Every step is audited.
/// </summary>
public sealed class SsoOidcService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IUserSessionService sessions,
    IDirectorySettingsService settings,
    SsoAccessTokenCache tokenCache,
    CredentialAuditBuffer audit,
    IRandomSource random,
    TimeProvider time)
{
    public const string TokenType = "Bearer";

    /// <summary>The portal page that takes a user code (relative to the portal's base URL).</summary>
    public const string VerificationPath = "device";

    public async Task<OidcResult<RegisteredClient>> RegisterClientAsync(RegisterClientInput input, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        var error = ValidateRegistration(input);
        if (error is not null)
        {
            AuditOidc(SsoAuditNames.RegisterClient, caller, null, Request(("clientName", input.ClientName), ("clientType", input.ClientType)), null, error);
            return error;
        }

        var secret = OidcProtocol.NewSecret(random);
        var client = new OidcClientRecord
        {
            Id = OidcProtocol.NewId(random),
            Name = input.ClientName!.Trim(),
            SecretHash = OidcProtocol.Hash(secret),
            Scopes = SsoLists.Join(Distinct(input.Scopes)),
            GrantTypes = SsoLists.Join(Distinct(input.GrantTypes)),
            RedirectUris = SsoLists.Join(Distinct(input.RedirectUris)),
            IssuerUrl = string.IsNullOrWhiteSpace(input.IssuerUrl) ? null : input.IssuerUrl.Trim(),
            IssuedAt = now,
            ExpiresAt = now + SsoOidcLimits.ClientLifetime,
            SourceIpAddress = Truncate(caller.SourceIpAddress, 64),
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.OidcClients.Add(client);
            await db.SaveChangesAsync(cancellationToken);
        }

        AuditOidc(SsoAuditNames.RegisterClient, caller, null,
            Request(("clientName", client.Name), ("clientType", input.ClientType), ("scopes", client.Scopes), ("grantTypes", client.GrantTypes), ("redirectUris", client.RedirectUris)),
            Request(("clientId", client.Id), ("clientSecretExpiresAt", client.ExpiresAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))), null);
        return new RegisteredClient(client.Id, secret, client.IssuedAt.ToUnixTimeSeconds(), client.ExpiresAt.ToUnixTimeSeconds());
    }

    /// <summary>Starts a device authorization; <paramref name="portalBaseUrl"/> is the absolute URL of the portal (ending in '/').</summary>
    public async Task<OidcResult<DeviceAuthorization>> StartDeviceAuthorizationAsync(StartDeviceAuthorizationInput input, string portalBaseUrl, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (client, error) = await AuthenticateClientAsync(db, input.ClientId, input.ClientSecret, now, cancellationToken);
        if (error is null && !Allows(client!, OidcGrantTypes.DeviceCode))
        {
            error = OidcError.UnauthorizedClient("This client did not register the device code grant type; register it with grantTypes including " + OidcGrantTypes.DeviceCode + ".");
        }

        if (error is null && string.IsNullOrWhiteSpace(input.StartUrl))
        {
            error = OidcError.InvalidRequest("startUrl is required: give the URL of the AWS access portal.");
        }

        if (error is not null)
        {
            AuditOidc(SsoAuditNames.StartDeviceAuthorization, caller, null, Request(("clientId", input.ClientId), ("startUrl", input.StartUrl)), null, error);
            return error;
        }

        var deviceCode = OidcProtocol.NewSecret(random);
        string userCode;
        string userCodeHash;
        var attempts = 0;
        do
        {
            // 19^8 codes: a clash with a live one is rare, but a clash must never attach one approval to two devices.
            userCode = OidcProtocol.NewUserCode(random);
            userCodeHash = OidcProtocol.Hash(OidcProtocol.NormalizeUserCode(userCode)!);
            var hash = userCodeHash;
            if (!await db.OidcAuthorizations.AnyAsync(a => a.UserCodeHash == hash && a.ExpiresAt > now, cancellationToken))
            {
                break;
            }
        }
        while (++attempts < 10);

        var record = new OidcAuthorizationRecord
        {
            Id = OidcProtocol.NewId(random),
            Kind = OidcAuthorizationKinds.Device,
            ClientId = client!.Id,
            DeviceCodeHash = OidcProtocol.Hash(deviceCode),
            UserCodeHash = userCodeHash,
            Scopes = client.Scopes,
            StartUrl = Truncate(input.StartUrl!.Trim(), 2048),
            CreatedAt = now,
            ExpiresAt = now + SsoOidcLimits.DeviceCodeLifetime,
        };
        db.OidcAuthorizations.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        var verificationUri = portalBaseUrl + VerificationPath;
        AuditOidc(SsoAuditNames.StartDeviceAuthorization, caller, null,
            Request(("clientId", client.Id), ("clientName", client.Name), ("startUrl", record.StartUrl)),
            Request(("authorizationId", record.Id), ("userCode", userCode)), null);
        return new DeviceAuthorization(
            deviceCode,
            userCode,
            verificationUri,
            verificationUri + "?user_code=" + Uri.EscapeDataString(userCode),
            (int)SsoOidcLimits.DeviceCodeLifetime.TotalSeconds,
            (int)SsoOidcLimits.PollInterval.TotalSeconds);
    }

    public async Task<OidcResult<IssuedTokens>> CreateTokenAsync(CreateTokenInput input, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var outcome = await CreateTokenCoreAsync(db, input, now, cancellationToken);

        // Waiting for the person is not a step of its own: only the answers that end or change the flow are audited.
        if (outcome.Error?.Code != "authorization_pending")
        {
            var response = outcome.Error is null
                ? Request(("grantId", outcome.GrantId), ("expiresIn", outcome.Tokens!.ExpiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("refreshTokenIssued", outcome.Tokens.RefreshToken is null ? "false" : "true"))
                : outcome.GrantRevoked ? Request(("grantRevoked", outcome.GrantId)) : null;
            AuditOidc(SsoAuditNames.CreateToken, caller, outcome.User,
                Request(("clientId", input.ClientId), ("grantType", input.GrantType), ("scope", input.Scope is null ? null : SsoLists.Join(input.Scope))),
                response, outcome.Error);
        }

        return outcome.Error is not null ? outcome.Error : outcome.Tokens!;
    }

    /// <summary>
    /// The browser's <c>GET /authorize</c>: checks the client, the redirect URI (a registered loopback URI, any port),
    /// PKCE and scopes, and opens a consent request for the portal page.
    /// </summary>
    public async Task<AuthorizeOutcome> BeginAuthorizeAsync(AuthorizeInput input, RequestOrigin caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = string.IsNullOrEmpty(input.ClientId) ? null : await db.OidcClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.ClientId, cancellationToken);
        var auditRequest = Request(("clientId", input.ClientId), ("redirectUri", input.RedirectUri), ("scopes", input.Scopes), ("codeChallengeMethod", input.CodeChallengeMethod));

        // Until the client and its redirect URI are known good, errors are shown here, never sent to the redirect URI.
        string? pageError = client is null || client.ExpiresAt <= now
            ? "This application is not registered (or its registration expired). Start the sign-in again from the application."
            : !OidcProtocol.MatchesRegisteredRedirect(input.RedirectUri, SsoLists.Split(client.RedirectUris))
                ? "The application asked to return to an address it did not register. Only its registered loopback address (http://127.0.0.1, any port) is allowed."
                : null;
        if (pageError is not null)
        {
            AuditOidc(SsoAuditNames.StartAuthorization, caller, null, auditRequest, null, OidcError.InvalidRequest(pageError));
            return new AuthorizeOutcome(null, null, pageError);
        }

        var requested = SplitScopes(input.Scopes);
        var registered = SsoLists.Split(client!.Scopes);
        (string Code, string Description)? redirectError =
            input.ResponseType != "code" ? ("unsupported_response_type", "response_type must be code.")
            : !SsoLists.Split(client.GrantTypes).Contains(OidcGrantTypes.AuthorizationCode) ? ("unauthorized_client", "The client did not register the authorization_code grant type.")
            : input.CodeChallengeMethod != "S256" ? ("invalid_request", "code_challenge_method must be S256.")
            : !OidcProtocol.IsWellFormedChallenge(input.CodeChallenge) ? ("invalid_request", "code_challenge must be 43-128 base64url characters.")
            : input.State is { Length: > 1024 } ? ("invalid_request", "state is longer than 1024 characters.")
            : requested.Any(s => !OidcScopes.IsWellFormed(s) || (registered.Count > 0 && !registered.Contains(s))) ? ("invalid_scope", "A requested scope was not registered by the client.")
            : null;
        if (redirectError is { } e)
        {
            AuditOidc(SsoAuditNames.StartAuthorization, caller, null, auditRequest, null, OidcError.InvalidRequest(e.Description));
            return new AuthorizeOutcome(null, AppendQuery(input.RedirectUri!, ("error", e.Code), ("error_description", e.Description), ("state", input.State)), null);
        }

        var record = new OidcAuthorizationRecord
        {
            Id = OidcProtocol.NewId(random),
            Kind = OidcAuthorizationKinds.Code,
            ClientId = client.Id,
            CodeChallenge = input.CodeChallenge,
            RedirectUri = input.RedirectUri,
            State = input.State,
            Scopes = SsoLists.Join(requested.Count > 0 ? requested : registered),
            StartUrl = client.IssuerUrl,
            CreatedAt = now,
            ExpiresAt = now + SsoOidcLimits.ConsentRequestLifetime,
        };
        db.OidcAuthorizations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        AuditOidc(SsoAuditNames.StartAuthorization, caller, null, auditRequest, Request(("authorizationId", record.Id)), null);
        return new AuthorizeOutcome(record.Id, null, null);
    }

    /// <summary>The device authorization a typed (or linked) user code names.</summary>
    public async Task<ConsentLookupResult> FindByUserCodeAsync(string? userCode, CancellationToken cancellationToken = default)
    {
        var normalized = OidcProtocol.NormalizeUserCode(userCode);
        if (normalized is null)
        {
            return new(ConsentLookup.NotFound, null);
        }

        var hash = OidcProtocol.Hash(normalized);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.OidcAuthorizations.AsNoTracking()
            .Where(a => a.UserCodeHash == hash && a.Kind == OidcAuthorizationKinds.Device)
            .OrderByDescending(a => a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return await DescribeAsync(db, record, OidcProtocol.FormatUserCode(normalized), cancellationToken);
    }

    /// <summary>The authorization-code request <c>/authorize</c> opened.</summary>
    public async Task<ConsentLookupResult> FindRequestAsync(string? requestId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(requestId) || requestId.Length > 64)
        {
            return new(ConsentLookup.NotFound, null);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.OidcAuthorizations.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == requestId && a.Kind == OidcAuthorizationKinds.Code, cancellationToken);
        return await DescribeAsync(db, record, null, cancellationToken);
    }

    /// <summary>
    /// The person's Allow or Deny. Allowing ties the request to <paramref name="user"/>'s sign-in session; an
    /// authorization-code request gets a single-use code and the redirect URI to send the browser to (with
    /// <c>code</c> and <c>state</c>, or <c>error=access_denied</c>).
    /// </summary>
    public async Task<ConsentDecisionResult> DecideAsync(string requestId, bool allow, ConsentingUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.OidcAuthorizations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == requestId, cancellationToken);
        var lookup = record is null ? ConsentLookup.NotFound
            : record.Status != OidcAuthorizationStatuses.Pending ? ConsentLookup.AlreadyDecided
            : record.ExpiresAt <= now ? ConsentLookup.Expired
            : ConsentLookup.Found;
        if (lookup != ConsentLookup.Found || !await sessions.IsActiveAsync(user.SessionId, cancellationToken))
        {
            return new ConsentDecisionResult(lookup == ConsentLookup.Found ? ConsentLookup.NotFound : lookup, false, null);
        }

        string? code = null;
        var status = allow ? OidcAuthorizationStatuses.Approved : OidcAuthorizationStatuses.Denied;
        var expiresAt = record!.ExpiresAt;
        string? codeHash = null;
        if (allow && record.Kind == OidcAuthorizationKinds.Code)
        {
            code = OidcProtocol.NewSecret(random);
            codeHash = OidcProtocol.Hash(code);
            expiresAt = now + SsoOidcLimits.AuthorizationCodeLifetime;
        }

        // The status is the concurrency check: of two decisions on one request, only the first is saved.
        var decided = await db.OidcAuthorizations
            .Where(a => a.Id == requestId && a.Status == OidcAuthorizationStatuses.Pending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Status, status)
                .SetProperty(a => a.UserId, user.UserId)
                .SetProperty(a => a.SessionId, user.SessionId)
                .SetProperty(a => a.DecidedAt, now)
                .SetProperty(a => a.CodeHash, codeHash)
                .SetProperty(a => a.ExpiresAt, expiresAt), cancellationToken);
        if (decided != 1)
        {
            return new ConsentDecisionResult(ConsentLookup.AlreadyDecided, false, null);
        }

        var clientName = await db.OidcClients.Where(c => c.Id == record.ClientId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        audit.Enqueue(new AuditEvent
        {
            EventTime = now,
            EventSource = SsoAuditNames.OidcSource,
            EventName = SsoAuditNames.AuthorizeClient,
            UserIdentity = new AuditUserIdentity("IdentityCenterUser", user.UserId, user.UserName),
            SourceIpAddress = user.SourceIpAddress,
            UserAgent = user.UserAgent,
            TargetUserId = user.UserId,
            TargetUserName = user.UserName,
            RequestParameters = Request(("authorizationId", record.Id), ("clientId", record.ClientId), ("clientName", clientName), ("grantType", record.Kind == OidcAuthorizationKinds.Device ? OidcGrantTypes.DeviceCode : OidcGrantTypes.AuthorizationCode)),
            ResponseElements = Request(("decision", allow ? "Allow" : "Deny"), ("sessionId", user.SessionId)),
        });

        string? redirect = null;
        if (record.Kind == OidcAuthorizationKinds.Code)
        {
            redirect = allow
                ? AppendQuery(record.RedirectUri!, ("code", code), ("state", record.State))
                : AppendQuery(record.RedirectUri!, ("error", "access_denied"), ("error_description", "The user denied access."), ("state", record.State));
        }

        return new ConsentDecisionResult(ConsentLookup.Found, allow, redirect, clientName);
    }

    /// <summary>Revokes every token of the grant (reuse of a rotated refresh token or a used code; SSO Logout).</summary>
    public async Task RevokeGrantAsync(string grantId, string reason, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RevokeGrantAsync(db, grantId, reason, now, cancellationToken);
    }

    /// <summary>Deletes registrations, requests and tokens well past their expiry (housekeeping).</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - SsoOidcLimits.PruneGrace;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.OidcTokens.Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.OidcAuthorizations.Where(a => a.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.OidcClients.Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        return deleted;
    }

    private sealed record TokenOutcome(IssuedTokens? Tokens, OidcError? Error, (string Id, string Name)? User = null, string? GrantId = null, bool GrantRevoked = false);

    private async Task<TokenOutcome> CreateTokenCoreAsync(IdentityCenterDbContext db, CreateTokenInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(input.ClientId) || string.IsNullOrEmpty(input.ClientSecret) || string.IsNullOrEmpty(input.GrantType))
        {
            return new(null, OidcError.InvalidRequest("clientId, clientSecret and grantType are required."));
        }

        var (client, clientError) = await AuthenticateClientAsync(db, input.ClientId, input.ClientSecret, now, cancellationToken);
        if (clientError is not null)
        {
            return new(null, clientError);
        }

        return input.GrantType switch
        {
            OidcGrantTypes.DeviceCode => await RedeemDeviceCodeAsync(db, client!, input, now, cancellationToken),
            OidcGrantTypes.AuthorizationCode => await RedeemAuthorizationCodeAsync(db, client!, input, now, cancellationToken),
            OidcGrantTypes.RefreshToken => await RefreshAsync(db, client!, input, now, cancellationToken),
            _ => new(null, OidcError.UnsupportedGrantType($"grantType must be one of: {string.Join(", ", OidcGrantTypes.All)}.")),
        };
    }

    private async Task<TokenOutcome> RedeemDeviceCodeAsync(IdentityCenterDbContext db, OidcClientRecord client, CreateTokenInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Allows(client, OidcGrantTypes.DeviceCode))
        {
            return new(null, OidcError.UnauthorizedClient("This client did not register the device code grant type."));
        }

        if (string.IsNullOrEmpty(input.DeviceCode))
        {
            return new(null, OidcError.InvalidRequest("deviceCode is required for the device code grant."));
        }

        var hash = OidcProtocol.Hash(input.DeviceCode);
        var record = await db.OidcAuthorizations.FirstOrDefaultAsync(a => a.DeviceCodeHash == hash && a.Kind == OidcAuthorizationKinds.Device, cancellationToken);
        if (record is null || record.ClientId != client.Id)
        {
            return new(null, OidcError.InvalidGrant("The device code is not valid for this client."));
        }

        if (record.Status == OidcAuthorizationStatuses.Redeemed)
        {
            // A device code is single use: a second redemption means it leaked, so what the first one got is revoked.
            await RevokeGrantAsync(db, record.Id, "DeviceCodeReused", now, cancellationToken);
            return new(null, OidcError.InvalidGrant("The device code was already used; the tokens issued for it are revoked."), GrantId: record.Id, GrantRevoked: true);
        }

        if (record.ExpiresAt <= now)
        {
            return new(null, OidcError.ExpiredToken("The device code expired. Start the sign-in again."));
        }

        if (record.Status == OidcAuthorizationStatuses.Denied)
        {
            return new(null, OidcError.AccessDenied("The user denied access to this device."));
        }

        if (record.Status == OidcAuthorizationStatuses.Pending)
        {
            var tooSoon = record.LastPolledAt is { } last && now - last < SsoOidcLimits.PollInterval;
            record.LastPolledAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return new(null, tooSoon
                ? OidcError.SlowDown($"Poll no more often than every {SsoOidcLimits.PollInterval.TotalSeconds:0} seconds.")
                : OidcError.AuthorizationPending("The user has not approved the device yet."));
        }

        return await RedeemApprovedAsync(db, client, record, input.Scope, now, cancellationToken);
    }

    private async Task<TokenOutcome> RedeemAuthorizationCodeAsync(IdentityCenterDbContext db, OidcClientRecord client, CreateTokenInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SsoLists.Split(client.GrantTypes).Contains(OidcGrantTypes.AuthorizationCode))
        {
            return new(null, OidcError.UnauthorizedClient("This client did not register the authorization_code grant type."));
        }

        if (string.IsNullOrEmpty(input.Code) || string.IsNullOrEmpty(input.RedirectUri) || string.IsNullOrEmpty(input.CodeVerifier))
        {
            return new(null, OidcError.InvalidRequest("code, redirectUri and codeVerifier are required for the authorization_code grant."));
        }

        var hash = OidcProtocol.Hash(input.Code);
        var record = await db.OidcAuthorizations.FirstOrDefaultAsync(a => a.CodeHash == hash && a.Kind == OidcAuthorizationKinds.Code, cancellationToken);
        if (record is null || record.ClientId != client.Id)
        {
            return new(null, OidcError.InvalidGrant("The authorization code is not valid for this client."));
        }

        if (record.Status == OidcAuthorizationStatuses.Redeemed)
        {
            await RevokeGrantAsync(db, record.Id, "AuthorizationCodeReused", now, cancellationToken);
            return new(null, OidcError.InvalidGrant("The authorization code was already used; the tokens issued for it are revoked."), GrantId: record.Id, GrantRevoked: true);
        }

        if (record.ExpiresAt <= now)
        {
            return new(null, OidcError.InvalidGrant("The authorization code expired. Sign in again."));
        }

        if (!string.Equals(record.RedirectUri, input.RedirectUri, StringComparison.Ordinal))
        {
            return new(null, OidcError.InvalidGrant("redirectUri must be the one the authorization request used."));
        }

        if (!OidcProtocol.VerifyPkce(input.CodeVerifier, record.CodeChallenge ?? ""))
        {
            return new(null, OidcError.InvalidGrant("The code verifier does not match the code challenge."));
        }

        return await RedeemApprovedAsync(db, client, record, input.Scope, now, cancellationToken);
    }

    private async Task<TokenOutcome> RedeemApprovedAsync(IdentityCenterDbContext db, OidcClientRecord client, OidcAuthorizationRecord record, IReadOnlyList<string>? scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scopes = NarrowScopes(SsoLists.Split(record.Scopes), scope, out var scopeError);
        if (scopeError is not null)
        {
            return new(null, scopeError);
        }

        var id = record.Id;
        var redeemed = await db.OidcAuthorizations
            .Where(a => a.Id == id && a.Status == OidcAuthorizationStatuses.Approved)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, OidcAuthorizationStatuses.Redeemed).SetProperty(a => a.RedeemedAt, now), cancellationToken);
        if (redeemed != 1)
        {
            return new(null, OidcError.InvalidGrant("This grant was already used."));
        }

        return await IssueAsync(db, client, record.Id, record.UserId!, record.SessionId!, scopes, now, cancellationToken);
    }

    private async Task<TokenOutcome> RefreshAsync(IdentityCenterDbContext db, OidcClientRecord client, CreateTokenInput input, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Allows(client, OidcGrantTypes.RefreshToken))
        {
            return new(null, OidcError.UnauthorizedClient("This client did not register the refresh_token grant type."));
        }

        if (string.IsNullOrEmpty(input.RefreshToken))
        {
            return new(null, OidcError.InvalidRequest("refreshToken is required for the refresh_token grant."));
        }

        var hash = OidcProtocol.Hash(input.RefreshToken);
        var token = await db.OidcTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.Kind == OidcTokenKinds.Refresh, cancellationToken);
        if (token is null || token.ClientId != client.Id || token.RevokedAt is not null)
        {
            return new(null, OidcError.InvalidGrant("The refresh token is not valid. Sign in again."));
        }

        var user = await UserAsync(db, token.UserId, cancellationToken);
        if (token.UsedAt is not null)
        {
            // Refresh tokens rotate: presenting an old one means two parties hold the chain, so all of it is revoked.
            await RevokeGrantAsync(db, token.GrantId, "RefreshTokenReused", now, cancellationToken);
            return new(null, OidcError.InvalidGrant("The refresh token was already used; this sign-in is revoked. Sign in again."), user, token.GrantId, true);
        }

        if (token.ExpiresAt <= now)
        {
            return new(null, OidcError.InvalidGrant("The refresh token expired with the sign-in session. Sign in again."), user, token.GrantId);
        }

        var scopes = NarrowScopes(SsoLists.Split(token.Scopes), input.Scope, out var scopeError);
        if (scopeError is not null)
        {
            return new(null, scopeError, user, token.GrantId);
        }

        var tokenId = token.Id;
        var used = await db.OidcTokens.Where(t => t.Id == tokenId && t.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (used != 1)
        {
            await RevokeGrantAsync(db, token.GrantId, "RefreshTokenReused", now, cancellationToken);
            return new(null, OidcError.InvalidGrant("The refresh token was already used; this sign-in is revoked. Sign in again."), user, token.GrantId, true);
        }

        return await IssueAsync(db, client, token.GrantId, token.UserId, token.SessionId, scopes, now, cancellationToken);
    }

    private async Task<TokenOutcome> IssueAsync(IdentityCenterDbContext db, OidcClientRecord client, string grantId, string userId, string sessionId, IReadOnlyList<string> scopes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var user = await UserAsync(db, userId, cancellationToken);
        var session = await sessions.IsActiveAsync(sessionId, cancellationToken) ? await sessions.GetAsync(sessionId, cancellationToken) : null;
        if (session is not { IsActive: true } || session.UserId != userId)
        {
            return new(null, OidcError.InvalidGrant("The portal sign-in that approved this request has ended. Sign in again."), user, grantId);
        }

        // aws-cli#8305: the access token lasts as long as the portal session duration setting, never past the session itself.
        var duration = (await settings.GetSignInSettingsAsync(cancellationToken)).SessionDuration;
        var accessExpires = Min(now + duration, session.ExpiresAt);
        var accessToken = OidcProtocol.NewSecret(random, "aoa");
        var refreshToken = Allows(client, OidcGrantTypes.RefreshToken) ? OidcProtocol.NewSecret(random, "aor") : null;
        var joinedScopes = SsoLists.Join(scopes);
        db.OidcTokens.Add(new OidcTokenRecord
        {
            GrantId = grantId,
            Kind = OidcTokenKinds.Access,
            TokenHash = OidcProtocol.Hash(accessToken),
            ClientId = client.Id,
            UserId = userId,
            SessionId = sessionId,
            Scopes = joinedScopes,
            CreatedAt = now,
            ExpiresAt = accessExpires,
        });
        if (refreshToken is not null)
        {
            db.OidcTokens.Add(new OidcTokenRecord
            {
                GrantId = grantId,
                Kind = OidcTokenKinds.Refresh,
                TokenHash = OidcProtocol.Hash(refreshToken),
                ClientId = client.Id,
                UserId = userId,
                SessionId = sessionId,
                Scopes = joinedScopes,
                CreatedAt = now,
                ExpiresAt = session.ExpiresAt,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        // Rounded: the stored session expiry may lose sub-millisecond precision (SQLite keeps DateTimeOffset as a packed long).
        var expiresIn = (int)Math.Max(0, Math.Round((accessExpires - now).TotalSeconds));
        return new(new IssuedTokens(accessToken, TokenType, expiresIn, refreshToken), null, user, grantId);
    }

    private async Task RevokeGrantAsync(IdentityCenterDbContext db, string grantId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        tokenCache.RevokeGrant(grantId, now);
        await db.OidcTokens.Where(t => t.GrantId == grantId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokeReason, reason), cancellationToken);
    }

    private static async Task<(string Id, string Name)?> UserAsync(IdentityCenterDbContext db, string userId, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        return (userId, name ?? "");
    }

    private async Task<ConsentLookupResult> DescribeAsync(IdentityCenterDbContext db, OidcAuthorizationRecord? record, string? userCode, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return new(ConsentLookup.NotFound, null);
        }

        var clientName = await db.OidcClients.Where(c => c.Id == record.ClientId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var request = new ConsentRequest(record.Id, record.Kind, clientName, userCode, SsoLists.Split(record.Scopes), record.ExpiresAt, record.Status);
        var outcome = record.Status != OidcAuthorizationStatuses.Pending ? ConsentLookup.AlreadyDecided
            : record.ExpiresAt <= time.GetUtcNow() ? ConsentLookup.Expired
            : ConsentLookup.Found;
        return new(outcome, request);
    }

    private static async Task<(OidcClientRecord? Client, OidcError? Error)> AuthenticateClientAsync(IdentityCenterDbContext db, string? clientId, string? clientSecret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            return (null, OidcError.InvalidClient("clientId and clientSecret are required: use the values RegisterClient returned."));
        }

        var client = clientId.Length > 64 ? null : await db.OidcClients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null || !OidcProtocol.Matches(clientSecret, client.SecretHash))
        {
            return (null, OidcError.InvalidClient("The client id or client secret is not valid. Register the client again."));
        }

        return client.ExpiresAt <= now
            ? (null, OidcError.InvalidClient("The client registration expired. Register the client again."))
            : (client, null);
    }

    private static OidcError? ValidateRegistration(RegisterClientInput input)
    {
        if (string.IsNullOrWhiteSpace(input.ClientName) || input.ClientName.Trim().Length > 256)
        {
            return OidcError.InvalidRequest("clientName is required (1-256 characters).");
        }

        if (input.ClientType != "public")
        {
            return OidcError.InvalidClientMetadata("clientType must be public: only public clients can register.");
        }

        if (input.EntitledApplicationArn is { Length: > 0 })
        {
            return OidcError.InvalidClientMetadata("entitledApplicationArn is not supported: IdentityCenter has no customer-managed applications.");
        }

        var scopes = input.Scopes ?? [];
        if (scopes.Count > 25 || scopes.Any(s => !OidcScopes.IsWellFormed(s)))
        {
            return OidcError.InvalidScope("Each scope must be 1-256 visible characters without spaces (at most 25 scopes), for example sso:account:access.");
        }

        var grantTypes = input.GrantTypes ?? [];
        var unknown = grantTypes.FirstOrDefault(g => !OidcGrantTypes.All.Contains(g));
        if (unknown is not null)
        {
            return OidcError.UnsupportedGrantType($"Grant type '{unknown}' is not supported; use {string.Join(", ", OidcGrantTypes.All)}.");
        }

        var redirects = input.RedirectUris ?? [];
        if (redirects.Count > 10 || redirects.Any(r => r is null || r.Length > 2048 || !OidcProtocol.IsLoopbackRedirectUri(r)))
        {
            return OidcError.InvalidRedirectUri("Requested client type must use loopback interface for redirect: use http://127.0.0.1/<path> (any port is accepted later).");
        }

        if (grantTypes.Contains(OidcGrantTypes.AuthorizationCode) && redirects.Count == 0)
        {
            return OidcError.InvalidRedirectUri("The authorization_code grant needs at least one redirect URI such as http://127.0.0.1/oauth/callback.");
        }

        if (input.IssuerUrl is { Length: > 0 } issuer && (issuer.Length > 2048 || !Uri.TryCreate(issuer, UriKind.Absolute, out _)))
        {
            return OidcError.InvalidClientMetadata("issuerUrl must be an absolute URL (the portal's start URL).");
        }

        return null;
    }

    /// <summary>Clients that registered without grant types (the legacy CLI flow) may use the device code and refresh grants.</summary>
    private static bool Allows(OidcClientRecord client, string grantType)
    {
        var registered = SsoLists.Split(client.GrantTypes);
        return registered.Count == 0 ? grantType != OidcGrantTypes.AuthorizationCode : registered.Contains(grantType);
    }

    private static IReadOnlyList<string> NarrowScopes(IReadOnlyList<string> granted, IReadOnlyList<string>? requested, out OidcError? error)
    {
        error = null;
        if (requested is not { Count: > 0 })
        {
            return granted;
        }

        if (requested.Any(s => !OidcScopes.IsWellFormed(s) || (granted.Count > 0 && !granted.Contains(s))))
        {
            error = OidcError.InvalidScope("A requested scope was not granted; ask for a subset of the scopes the client registered.");
            return granted;
        }

        return requested.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> SplitScopes(string? scopes) =>
        string.IsNullOrWhiteSpace(scopes) ? [] : scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> Distinct(IReadOnlyList<string>? items) =>
        (items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct(StringComparer.Ordinal);

    private static string AppendQuery(string uri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));
        return uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private void AuditOidc(string eventName, RequestOrigin caller, (string Id, string Name)? user, Dictionary<string, string?> request, Dictionary<string, string?>? response, OidcError? error) =>
        audit.Enqueue(new AuditEvent
        {
            EventTime = time.GetUtcNow(),
            EventSource = SsoAuditNames.OidcSource,
            EventName = eventName,
            UserIdentity = user is { } u ? new AuditUserIdentity("IdentityCenterUser", u.Id, u.Name) : new AuditUserIdentity("Unknown", null, null),
            SourceIpAddress = caller.SourceIpAddress,
            UserAgent = caller.UserAgent,
            TargetUserId = user?.Id,
            TargetUserName = user?.Name,
            RequestParameters = request,
            ResponseElements = response ?? [],
            ErrorCode = error?.ExceptionName,
            ErrorMessage = error?.Description,
        });

    private static Dictionary<string, string?> Request(params (string Key, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value is null ? null : Truncate(p.Value, 1024));

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
