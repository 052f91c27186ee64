using System.Net;
using System.Text.RegularExpressions;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.SignIn.Pages;

/// <summary>Changing the password on the account page signs out every other browser of the user, not the one that changed it.</summary>
public sealed partial class PasswordChangeSessionsTests
{
    private static readonly Uri ChangePassword = new("/Account/ChangePassword", UriKind.Relative);

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("\\b(name|value)=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    /// <summary>Posts a server-rendered form as a browser does: its hidden fields (handler, antiforgery token) plus <paramref name="fields"/>.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, Uri page, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var form = new List<KeyValuePair<string, string>>();
        foreach (Match input in HiddenInput().Matches(html))
        {
            var attributes = Attribute().Matches(input.Value).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
            if (attributes.TryGetValue("name", out var name) && !fields.Any(f => f.Name == name))
            {
                form.Add(new(name, attributes.GetValueOrDefault("value", "")));
            }
        }

        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(page, content);
    }

    private static string? PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is not { } location ? null
            : location.IsAbsoluteUri ? location.AbsolutePath
            : location.OriginalString.Split('?')[0];

    private static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await PostFormAsync(client, new Uri("/Account/Login", UriKind.Relative),
            ("Input.Step", "password"), ("Input.UserName", userName), ("Input.Password", password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/ChangePassword", PathOf(response));
    }

    [Fact]
    public async Task ChangePassword_OnTheAccountPage_SignsOutTheOtherSessionAndKeepsThisOne()
    {
        await using var factory = new IdentityCenterWebFactory();
        using var mine = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var other = factory.CreateClient(new() { AllowAutoRedirect = false });
        CreatedUser created;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            created = (await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("wanda", "Wanda"), Actor.System)).Value!;
        }

        await SignInAsync(mine, "wanda", created.OneTimePassword);
        var mySession = Assert.Single(await ActiveSessionsAsync(factory, created.User.Id));
        await SignInAsync(other, "wanda", created.OneTimePassword);
        Assert.Equal(2, (await ActiveSessionsAsync(factory, created.User.Id)).Count);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(ChangePassword)).StatusCode);

        using var changed = await PostFormAsync(mine, ChangePassword,
            ("Input.CurrentPassword", created.OneTimePassword), ("Input.NewPassword", "Wanda-New-Passw0rd!"), ("Input.ConfirmPassword", "Wanda-New-Passw0rd!"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var otherNow = await other.GetAsync(ChangePassword);
        Assert.Equal(HttpStatusCode.Redirect, otherNow.StatusCode);
        Assert.Equal("/Account/Login", PathOf(otherNow));
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync(ChangePassword)).StatusCode);
        Assert.Equal([mySession], await ActiveSessionsAsync(factory, created.User.Id));
    }

    private static async Task<List<string>> ActiveSessionsAsync(IdentityCenterWebFactory factory, string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IUserSessionService>().ListForUserAsync(userId)).Select(s => s.Id).ToList();
    }
}
