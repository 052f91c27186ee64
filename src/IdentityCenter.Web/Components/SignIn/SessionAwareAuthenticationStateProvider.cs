using System.Security.Claims;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Components.SignIn;

/// <summary>
/// The circuit's authentication state. It turns anonymous as soon as the sign-in session ends (an
/// administrator deletes it, the user is disabled, or the user signs out elsewhere): the revocation
/// notifier tells it at once, so the next render sends the user to sign-in. A periodic check of the
/// session and the security stamp backs this up.
/// </summary>
internal sealed class SessionAwareAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    // Not authenticated (no authentication type); the claim only says why the session ended.
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(IdentityCenterClaimTypes.SignedOut, IdentityCenterClaimTypes.TrueValue)])));

    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly ISessionRevocationNotifier _notifier;
    private IDisposable? _subscription;
    private string? _subscribedSessionId;

    public SessionAwareAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        ISessionRevocationNotifier notifier)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _notifier = notifier;
        AuthenticationStateChanged += Subscribe;
    }

    // Within the minute in which a sign-in cookie's security stamp is re-checked (a password change or reset elsewhere).
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        await using var scope = _scopeFactory.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<IUserSessionService>();
        if (!await sessions.IsActiveAsync(principal.FindFirstValue(IdentityCenterClaimTypes.SessionId), cancellationToken))
        {
            return false;
        }

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await userManager.GetUserAsync(principal);
        if (user is null || !user.Enabled)
        {
            return false;
        }

        return !userManager.SupportsUserSecurityStamp
            || principal.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType) == await userManager.GetSecurityStampAsync(user);
    }

    // Runs for the state the circuit starts with and for every change after it.
    private async void Subscribe(Task<AuthenticationState> stateTask)
    {
        // A state that failed to load has no session to follow (and an async void handler must not throw).
        await ((Task)stateTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (!stateTask.IsCompletedSuccessfully)
        {
            return;
        }

        var state = stateTask.Result;

        var sessionId = state.User.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        if (sessionId == _subscribedSessionId)
        {
            return;
        }

        _subscription?.Dispose();
        _subscribedSessionId = sessionId;
        _subscription = sessionId is null ? null : _notifier.Subscribe(sessionId, () => SetAuthenticationState(EndedStateAsync(sessionId)));
    }

    /// <summary>Anonymous; marked signed out when the user signed out, so the page shows "signed out" rather than racing the sign-out's own redirect to sign-in.</summary>
    private async Task<AuthenticationState> EndedStateAsync(string sessionId)
    {
        await using var scope = _scopeFactory.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<IUserSessionService>().GetAsync(sessionId);
        return session?.EndReason == SessionEndReasons.SignOut ? SignedOut : Anonymous;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= Subscribe;
            _subscription?.Dispose();
        }

        base.Dispose(disposing);
    }
}
