using System.Security.Claims;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>
/// Authentication state for interactive (circuit) components that drops to anonymous as soon as the
/// session ends: at once when it is ended in this process (admin delete, user disabled, sign-out
/// elsewhere; via <see cref="ISessionRevocationNotifier"/>), and otherwise at the next revalidation
/// (every 30 seconds: session still active and security stamp unchanged). Register it in the web
/// project: <c>services.AddScoped&lt;AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider&gt;()</c>.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory scopes;
    private readonly ISessionRevocationNotifier notifier;
    private readonly IOptions<IdentityOptions> identityOptions;
    private readonly Lock gate = new();
    private IDisposable? subscription;
    private string? subscribedSessionId;

    public SessionRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopes,
        ISessionRevocationNotifier notifier,
        IOptions<IdentityOptions> identityOptions)
        : base(loggerFactory)
    {
        this.scopes = scopes;
        this.notifier = notifier;
        this.identityOptions = identityOptions;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var principal = authenticationState.User;
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<IUserSessionService>();
        if (!await sessions.IsActiveAsync(principal.FindFirstValue(IdentityCenterClaimTypes.SessionId), cancellationToken))
        {
            return false;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || !user.Enabled)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= OnAuthenticationStateChanged;
            lock (gate)
            {
                subscription?.Dispose();
                subscription = null;
            }
        }

        base.Dispose(disposing);
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task) =>
        _ = SubscribeAsync(task);

    private async Task SubscribeAsync(Task<AuthenticationState> task)
    {
        var state = await task;
        var sessionId = state.User.FindFirstValue(IdentityCenterClaimTypes.SessionId);
        lock (gate)
        {
            if (sessionId == subscribedSessionId)
            {
                return;
            }

            subscription?.Dispose();
            subscribedSessionId = sessionId;
            subscription = sessionId is null
                ? null
                : notifier.Subscribe(sessionId, () => SetAuthenticationState(Task.FromResult(Anonymous)));
        }
    }
}
