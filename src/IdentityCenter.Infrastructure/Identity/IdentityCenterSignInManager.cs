using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with the directory's rules, so the template's sign-in pages work
/// unchanged (PasswordSignInAsync, TwoFactorAuthenticatorSignInAsync, RefreshSignInAsync, SignOutAsync):
/// <list type="bullet">
/// <item>The password is checked before anything that depends on the account's state, so a wrong
/// password always gives <c>Failed</c>; disabled users, hard-expired passwords and users blocked by
/// the MFA "block" policy then get <c>IsNotAllowed</c>. Unknown user names cost a password hash too.</item>
/// <item>Whether a TOTP code is asked comes from the MFA settings (mode, devices, trusted-device cookie
/// = Identity's remember-client cookie, 30 days), not from <c>TwoFactorEnabled</c>.</item>
/// <item>Every completed sign-in creates a <c>UserSession</c> (IP, user agent, MFA used) whose id goes
/// into the cookie, and claims for pending steps (<see cref="IdentityCenterClaimTypes"/>).</item>
/// <item>CredentialChallenge, CredentialVerification, UserAuthentication and SignOut are audited.</item>
/// </list>
/// </summary>
public sealed class IdentityCenterSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    IDirectorySettingsService settings,
    IUserSessionService sessions,
    IAuditLog auditLog,
    IDbContextFactory<IdentityCenterDbContext> contexts,
    UnknownUserLockout unknownUserLockout,
    TimeProvider timeProvider)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Cookie correlating the password and TOTP steps of one sign-in (AuthWorkflowID).</summary>
    public const string AuthFlowCookieName = ".IdentityCenter.AuthFlow";

    /// <summary>The user name recorded for sign-in attempts with a name that does not exist (CloudTrail's value).</summary>
    public const string HiddenUserName = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private const string TrustedDeviceItem = "IdentityCenter.TrustedDevice";
    private const string RefreshSessionItem = "IdentityCenter.RefreshSessionId";
    private static string? dummyPasswordHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName ?? "");
        if (user is null)
        {
            // Spend the same work as a real check so response time does not reveal unknown names.
            var dummy = new ApplicationUser();
            dummyPasswordHash ??= UserManager.PasswordHasher.HashPassword(dummy, Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(dummy, dummyPasswordHash, password ?? "");
            // As CloudTrail does: an unknown name is often a password typed into the wrong field, so it is not recorded.
            var flow = GetOrStartAuthFlow();
            await AuditSignInAsync(AuditEventNames.CredentialChallenge, null, HiddenUserName, CredentialTypes.Password, flow, null);

            // Unknown names lock out after as many failures as real ones, so the lockout page tells nothing.
            var lockedOut = await unknownUserLockout.RecordFailureAsync(UserManager.NormalizeName(userName ?? ""), await settings.GetSignInSettingsAsync());
            await AuditSignInAsync(AuditEventNames.CredentialVerification, null, HiddenUserName, CredentialTypes.Password, flow, lockedOut ? "LockedOut" : "InvalidCredentials");
            return lockedOut ? SignInResult.LockedOut : SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password ?? "", isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        var flow = GetOrStartAuthFlow();
        await AuditSignInAsync(AuditEventNames.CredentialChallenge, user.Id, user.UserName, CredentialTypes.Password, flow, null);
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if (result.Succeeded && !await CanSignInAsync(user))
        {
            result = SignInResult.NotAllowed;
        }

        await AuditSignInAsync(AuditEventNames.CredentialVerification, user.Id, user.UserName, CredentialTypes.Password, flow, ErrorCode(result));
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var flow = GetOrStartAuthFlow();
        if (user is not null)
        {
            await AuditSignInAsync(AuditEventNames.CredentialChallenge, user.Id, user.UserName, CredentialTypes.Totp, flow, null);
        }

        // The account may have been disabled (or blocked) since the password step.
        if (user is not null && !await CanSignInAsync(user))
        {
            await AuditSignInAsync(AuditEventNames.CredentialVerification, user.Id, user.UserName, CredentialTypes.Totp, flow, ErrorCode(SignInResult.NotAllowed));
            return SignInResult.NotAllowed;
        }

        var mfa = await settings.GetMfaSettingsAsync();

        // "This is a trusted device" exists only in context-aware mode.
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient && mfa.Mode == MfaMode.ContextAware);
        if (user is not null)
        {
            await AuditSignInAsync(AuditEventNames.CredentialVerification, user.Id, user.UserName, CredentialTypes.Totp, flow, ErrorCode(result));
        }

        return result;
    }

    /// <summary>Enabled, password not hard-expired, and not blocked by the "no MFA device: block" policy.</summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Enabled || !await base.CanSignInAsync(user))
        {
            return false;
        }

        var all = await settings.GetAllAsync();
        if (all.PasswordPolicy.HardExpiry && all.PasswordPolicy.IsExpired(user.PasswordChangedAt, timeProvider.GetUtcNow()))
        {
            return false;
        }

        if (all.Mfa.Mode != MfaMode.Disabled && all.Mfa.WithoutDevice == MfaNoDevicePolicy.Block)
        {
            var (isAdmin, devices) = await GetMfaFactsAsync(user.Id);
            return isAdmin || devices > 0;
        }

        return true;
    }

    /// <summary>Only the lockout check runs before the password; account state is checked after it (see the class remarks).</summary>
    protected override async Task<SignInResult?> PreSignInCheck(ApplicationUser user) =>
        await IsLockedOut(user) ? await LockedOut(user) : null;

    public override async Task<bool> IsTwoFactorEnabledAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var mfa = await settings.GetMfaSettingsAsync();
        var (isAdmin, devices) = await GetMfaFactsAsync(user.Id);
        return devices > 0 && (mfa.Mode != MfaMode.Disabled || isAdmin);
    }

    public override async Task<bool> IsTwoFactorClientRememberedAsync(ApplicationUser user)
    {
        var mfa = await settings.GetMfaSettingsAsync();
        if (mfa.Mode == MfaMode.AlwaysOn)
        {
            return false;
        }

        var remembered = await base.IsTwoFactorClientRememberedAsync(user);
        if (remembered)
        {
            Context.Items[TrustedDeviceItem] = true;
        }

        return remembered;
    }

    public override async Task RefreshSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);

        // This request may have loaded the user (the security-stamp check does) before another unit of work
        // changed it, a new password above all: re-read it, or the renewed cookie would carry the old stamp and
        // pending steps, and the session that changed the password would be signed out at the next check.
        if (Context.RequestServices.GetService<IdentityCenterDbContext>()?.Entry(user) is { State: EntityState.Unchanged or EntityState.Modified } tracked)
        {
            await tracked.ReloadAsync();
        }

        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var sessionId = auth.Principal?.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        if (sessionId is not null)
        {
            Context.Items[RefreshSessionItem] = sessionId;
        }

        await base.RefreshSignInAsync(user);
    }

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(additionalClaims);
        var now = timeProvider.GetUtcNow();
        var claims = additionalClaims.ToList();
        var all = await settings.GetAllAsync();
        var (isAdmin, devices) = await GetMfaFactsAsync(user.Id);

        SessionInfo? session = null;
        if (Context.Items[RefreshSessionItem] is string existingId)
        {
            session = await sessions.GetAsync(existingId);
            if (session is { IsActive: false } || session?.UserId != user.Id)
            {
                session = null;
            }
        }

        var isNewSession = session is null;
        if (session is null)
        {
            var usedCode = claims.Any(c => c.Type == "amr" && c.Value == "mfa");
            var trusted = Context.Items.ContainsKey(TrustedDeviceItem);
            session = await sessions.CreateAsync(new NewSession(user.Id, ClientIp(), UserAgent(), usedCode || trusted, trusted && !usedCode));
        }

        claims.RemoveAll(c => c.Type is IdentityCenterClaimTypes.SessionId or IdentityCenterClaimTypes.MfaAuthenticated
            or IdentityCenterClaimTypes.MustChangePassword or IdentityCenterClaimTypes.MfaEnrollmentRequired);
        claims.Add(new Claim(IdentityCenterClaimTypes.SessionId, session.Id));
        if (session.MfaUsed)
        {
            claims.Add(new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue));
        }

        if (user.MustChangePassword || all.PasswordPolicy.IsExpired(user.PasswordChangedAt, now))
        {
            claims.Add(new Claim(IdentityCenterClaimTypes.MustChangePassword, IdentityCenterClaimTypes.TrueValue));
        }

        var enrolmentRequired = devices == 0
            && (isAdmin || (all.Mfa.Mode != MfaMode.Disabled && all.Mfa.WithoutDevice == MfaNoDevicePolicy.RequireRegistration));
        if (enrolmentRequired)
        {
            claims.Add(new Claim(IdentityCenterClaimTypes.MfaEnrollmentRequired, IdentityCenterClaimTypes.TrueValue));
        }

        var properties = authenticationProperties ?? new AuthenticationProperties();
        properties.ExpiresUtc = session.ExpiresAt;
        properties.AllowRefresh = false;

        if (isNewSession)
        {
            user.LastSignInAt = now;
            await UserManager.UpdateAsync(user);
            var credentialType = session.MfaUsed && !session.TrustedDevice ? $"{CredentialTypes.Password},{CredentialTypes.Totp}" : CredentialTypes.Password;
            var extra = enrolmentRequired ? new Dictionary<string, string?> { [AdditionalEventDataKeys.DeviceEnrollmentRequired] = "true" } : null;
            await AuditSignInAsync(AuditEventNames.UserAuthentication, user.Id, user.UserName, credentialType, GetOrStartAuthFlow(), null, extra, session.Id);
            EndAuthFlow();
        }

        await base.SignInWithClaimsAsync(user, properties, claims);
    }

    public override async Task SignOutAsync()
    {
        var principal = Context.User;
        var sessionId = principal.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        if (sessionId is not null)
        {
            await sessions.EndOnSignOutAsync(sessionId);
            var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
            var userName = principal.FindFirstValue(ClaimTypes.Name);
            await auditLog.AppendAsync(new AuditEvent
            {
                EventTime = timeProvider.GetUtcNow(),
                EventSource = AuditEventSources.SignIn,
                EventName = AuditEventNames.SignOut,
                EventType = AuditEventTypes.AwsServiceEvent,
                UserIdentity = new AuditUserIdentity("IdentityCenterUser", userId, userName),
                SourceIpAddress = ClientIp(),
                UserAgent = UserAgent(),
                RequestParameters = new Dictionary<string, string?> { ["sessionId"] = sessionId },
                TargetUserId = userId,
                TargetUserName = userName,
            });
        }

        await base.SignOutAsync();
    }

    /// <summary>
    /// Call after a successful <c>IMfaDeviceService.CompleteTotpEnrollmentAsync</c> for the signed-in
    /// user (enrolment at sign-in or on /account): the code just verified counts as this session's
    /// second factor, and the cookie is reissued without the enrolment-required claim. Refused
    /// (returns false) unless the user confirmed a device in the last 10 minutes.
    /// </summary>
    public async Task<bool> RefreshSignInAfterMfaEnrollmentAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var sessionId = auth.Principal?.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        if (sessionId is null || auth.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) != user.Id)
        {
            return false;
        }

        var since = timeProvider.GetUtcNow() - TimeSpan.FromMinutes(10);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (!await db.MfaDevices.AnyAsync(d => d.UserId == user.Id && d.ConfirmedAt != null && d.ConfirmedAt >= since))
            {
                return false;
            }

            await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == user.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.MfaUsed, true));
        }

        await RefreshSignInAsync(user);
        return true;
    }

    /// <summary>What the user must still do before using the app; for pages that redirect right after <see cref="PasswordSignInAsync(string, string, bool, bool)"/>.</summary>
    public async Task<SignInRequirements> GetRequirementsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var all = await settings.GetAllAsync();
        var (isAdmin, devices) = await GetMfaFactsAsync(user.Id);
        var mustChange = user.MustChangePassword || all.PasswordPolicy.IsExpired(user.PasswordChangedAt, timeProvider.GetUtcNow());
        var enrol = devices == 0 && (isAdmin || (all.Mfa.Mode != MfaMode.Disabled && all.Mfa.WithoutDevice == MfaNoDevicePolicy.RequireRegistration));
        return new SignInRequirements(mustChange, enrol);
    }

    private async Task<(bool IsAdmin, int Devices)> GetMfaFactsAsync(string userId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        // Every administrator must sign in with MFA: members of an administrative group (full, auditor, help desk) and whoever
        // holds administration documents attached to them or to one of their groups.
        var administrative = BuiltInGroups.AdministrativeIds;
        var isAdmin = await db.GroupMemberships.AnyAsync(m => m.UserId == userId && administrative.Contains(m.GroupId))
            || await db.AdministrationPolicies.AnyAsync(p => (p.PrincipalType == "USER" && p.PrincipalId == userId)
                || (p.PrincipalType == "GROUP" && db.GroupMemberships.Any(m => m.UserId == userId && m.GroupId == p.PrincipalId)));
        var devices = await db.MfaDevices.CountAsync(d => d.UserId == userId && d.ConfirmedAt != null);
        return (isAdmin, devices);
    }

    private static string? ErrorCode(SignInResult result) => result switch
    {
        { Succeeded: true } or { RequiresTwoFactor: true } => null,
        { IsLockedOut: true } => "LockedOut",
        { IsNotAllowed: true } => "NotAllowed",
        _ => "InvalidCredentials",
    };

    private async Task AuditSignInAsync(
        string eventName,
        string? userId,
        string? userName,
        string credentialType,
        string flow,
        string? errorCode,
        Dictionary<string, string?>? extra = null,
        string? sessionId = null)
    {
        var additional = new Dictionary<string, string?>
        {
            [AdditionalEventDataKeys.AuthWorkflowId] = flow,
            [AdditionalEventDataKeys.CredentialType] = credentialType,
        };
        foreach (var (key, value) in extra ?? [])
        {
            additional[key] = value;
        }

        var response = new Dictionary<string, string?>();
        if (eventName == AuditEventNames.CredentialVerification)
        {
            response["CredentialVerification"] = errorCode is null ? "Success" : "Failure";
        }

        if (sessionId is not null)
        {
            response["sessionId"] = sessionId;
        }

        await auditLog.AppendAsync(new AuditEvent
        {
            EventTime = timeProvider.GetUtcNow(),
            EventSource = AuditEventSources.SignIn,
            EventName = eventName,
            EventType = AuditEventTypes.AwsServiceEvent,
            UserIdentity = new AuditUserIdentity("Unknown", userId, userName),
            SourceIpAddress = ClientIp(),
            UserAgent = UserAgent(),
            ResponseElements = response,
            AdditionalEventData = additional,
            ErrorCode = errorCode,
            ErrorMessage = errorCode switch
            {
                "LockedOut" => "The account is locked after too many failed attempts.",
                "NotAllowed" => "The user may not sign in (disabled, password expired, or no MFA device while the policy blocks).",
                "InvalidCredentials" => "The user name or credential is not correct.",
                _ => null,
            },
            TargetUserId = userId,
            TargetUserName = userName,
        });
    }

    private string GetOrStartAuthFlow()
    {
        if (Context.Items[AuthFlowCookieName] is string current)
        {
            return current;
        }

        var flow = Context.Request.Cookies[AuthFlowCookieName];
        if (flow is null || !Guid.TryParse(flow, out _))
        {
            flow = Guid.NewGuid().ToString();
            if (!Context.Response.HasStarted)
            {
                Context.Response.Cookies.Append(AuthFlowCookieName, flow, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = Context.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    MaxAge = TimeSpan.FromMinutes(15),
                    IsEssential = true,
                });
            }
        }

        Context.Items[AuthFlowCookieName] = flow;
        return flow;
    }

    private void EndAuthFlow()
    {
        if (!Context.Response.HasStarted && Context.Request.Cookies.ContainsKey(AuthFlowCookieName))
        {
            Context.Response.Cookies.Delete(AuthFlowCookieName);
        }
    }

    private string? ClientIp() => RequestOrigin.From(Context).SourceIpAddress;

    private string? UserAgent() => RequestOrigin.From(Context).UserAgent;
}

/// <summary>Steps a signed-in user must finish first: replace the password, register an authenticator app.</summary>
public sealed record SignInRequirements(bool MustChangePassword, bool MfaEnrollmentRequired)
{
    public bool Any => MustChangePassword || MfaEnrollmentRequired;
}
