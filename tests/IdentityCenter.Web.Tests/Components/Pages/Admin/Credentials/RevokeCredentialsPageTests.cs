using System.Security.Claims;
using Bunit;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Pages.Admin.Credentials;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Credentials;

/// <summary>Revoking everyone's credentials asks first, in the destructive confirmation, and revokes only when confirmed.</summary>
public sealed class RevokeCredentialsPageTests
{
    [Fact]
    public async Task RevokeAll_AsksInTheDestructiveConfirmation_AndRevokesOnlyWhenConfirmed()
    {
        var revocation = new RecordingRevocation();
        await using var ctx = BunitTestContext.Create(c =>
        {
            c.AddAuthorization().SetAuthorized("admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-admin"));
            c.Services.AddSingleton<ICredentialRevocation>(revocation);
            c.Services.AddSingleton<IUserDirectoryService>(new FakeUserDirectoryService());
        });
        var provider = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<RevokeCredentialsPage>();

        page.Find("#revoke-all").Click();
        provider.WaitForAssertion(() => Assert.Contains("for everyone?", provider.Markup, StringComparison.Ordinal));
        var confirm = provider.Find(".confirm-dialog-confirm");
        Assert.Equal("Revoke all", confirm.TextContent.Trim());
        Assert.Contains("mud-button-filled-error", confirm.ClassName, StringComparison.Ordinal);

        provider.Find(".confirm-dialog-cancel").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".confirm-dialog-confirm")));
        Assert.Equal(0, revocation.All);

        page.Find("#revoke-all").Click();
        provider.WaitForAssertion(() => Assert.NotEmpty(provider.FindAll(".confirm-dialog-confirm")));
        provider.Find(".confirm-dialog-confirm").Click();
        page.WaitForAssertion(() => Assert.Equal(1, revocation.All));
    }

    private sealed class RecordingRevocation : ICredentialRevocation
    {
        public int All { get; private set; }

        public Task<StagedRevocations> StageAsync(IdentityCenterDbContext db, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default)
        {
            All++;
            return Task.CompletedTask;
        }

        public Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
