using System.Security.Claims;
using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Components.SignIn;
using IdentityCenter.Web.Components.SignIn.Shared;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Tests.Components.SignIn;

/// <summary>
/// An open page whose sign-in session ends goes to sign-in at once; when the user signed out (this tab's
/// sign-out, or another tab's), it goes where signing out goes instead of racing that redirect.
/// </summary>
public sealed class SessionEndedNavigationTests
{
    [Theory]
    [InlineData(SessionEndReasons.SignOut, true)]
    [InlineData(SessionEndReasons.DeletedByAdministrator, false)]
    [InlineData(SessionEndReasons.UserDisabled, false)]
    [InlineData(SessionEndReasons.PasswordChanged, false)]
    public async Task SessionEnds_CircuitTurnsAnonymous_MarkedSignedOutOnlyForASignOut(string reason, bool signedOut)
    {
        var sessions = new FakeUserSessionService();
        sessions.Sessions.Add(FakeUserSessionService.NewSession("s-1", "u-1"));
        var notifier = new CapturingNotifier();
        await using var services = new ServiceCollection().AddSingleton<IUserSessionService>(sessions).BuildServiceProvider();
        using var provider = new SessionAwareAuthenticationStateProvider(NullLoggerFactory.Instance, services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new IdentityOptions()), notifier);
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.SetAuthenticationState(Task.FromResult(SignedIn("s-1")));
        await notifier.Subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        provider.AuthenticationStateChanged += async state => changed.TrySetResult(await state);

        sessions.Sessions[0] = sessions.Sessions[0] with { IsActive = false, EndedAt = DateTimeOffset.UtcNow, EndReason = reason };
        notifier.Fire("s-1");
        var state = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.Equal(signedOut, state.User.HasClaim(IdentityCenterClaimTypes.SignedOut, IdentityCenterClaimTypes.TrueValue));
    }

    [Theory]
    [InlineData(true, "http://localhost/Account/Login?signedOut=true")]
    [InlineData(false, "http://localhost/Account/Login?returnUrl=%2Fstart")]
    public async Task RedirectToLogin_GoesToSignedOutOrBackToSignIn(bool signedOut, string expected)
    {
        await using var context = BunitTestContext.Create();
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/start");

        context.Render<RedirectToLogin>(p => p.Add(c => c.SignedOut, signedOut));

        Assert.Equal(expected, navigation.Uri);
    }

    private static AuthenticationState SignedIn(string sessionId) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-1"), new Claim(IdentityCenterClaimTypes.SessionId, sessionId)], "Identity.Application")));

    private sealed class CapturingNotifier : ISessionRevocationNotifier
    {
        private readonly Dictionary<string, Action> _handlers = [];

        public TaskCompletionSource Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable Subscribe(string sessionId, Action onRevoked)
        {
            lock (_handlers)
            {
                _handlers[sessionId] = onRevoked;
            }

            Subscribed.TrySetResult();
            return new Unsubscriber();
        }

        public void Fire(string sessionId)
        {
            Action handler;
            lock (_handlers)
            {
                handler = _handlers[sessionId];
            }

            handler();
        }

        private sealed class Unsubscriber : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
