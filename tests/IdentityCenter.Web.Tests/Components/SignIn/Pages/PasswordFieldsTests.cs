using System.Net;
using System.Text.RegularExpressions;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdentityCenter.Web.Tests.Components.SignIn.Pages;

/// <summary>
/// The static account forms over real HTTP posts: after a refused attempt the page comes back with its
/// messages, and none of the passwords typed into it appears anywhere in the HTML.
/// </summary>
public sealed partial class PasswordFieldsTests(PasswordFieldsTests.Factory factory) : IClassFixture<PasswordFieldsTests.Factory>
{
    private const string AdminUserName = "admin";
    private const string AdminPassword = "Bootstrap-Pa55word!";

    [Fact]
    public async Task SignIn_WrongPassword_RefusedAndPasswordNotInTheHtml()
    {
        using var client = factory.CreateClient();
        const string typed = "Wr0ng-Typed-Secret!";

        var html = await PostFormAsync(client, "/Account/Login", "login", new()
        {
            ["Input.Step"] = "password",
            ["Input.UserName"] = "someone",
            ["Input.Password"] = typed,
        });

        Assert.Contains("The user name or password is not correct.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(typed, html, StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(typed), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_RefusedAttempts_NoTypedPasswordInTheHtml()
    {
        using var client = factory.CreateClient();
        var changePage = await SignInAsync(client);
        Assert.Contains("id=\"current-password\"", changePage, StringComparison.Ordinal);

        // A wrong current password with a valid new one: refused by the service.
        const string wrongCurrent = "N0t-The-Current-One!";
        const string newPassword = "Brand-New-Passw0rd!";
        var refused = await PostFormAsync(client, "/Account/ChangePassword", "change-password", new()
        {
            ["Input.CurrentPassword"] = wrongCurrent,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        // The right current password, but a confirmation that differs: refused by the page.
        const string otherConfirm = "Different-Passw0rd?";
        var mismatch = await PostFormAsync(client, "/Account/ChangePassword", "change-password", new()
        {
            ["Input.CurrentPassword"] = AdminPassword,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = otherConfirm,
        });

        Assert.Contains("class=\"ic-error\"", refused + mismatch, StringComparison.Ordinal);
        Assert.Contains("The two new passwords are not the same.", mismatch, StringComparison.Ordinal);
        foreach (var typed in new[] { wrongCurrent, newPassword })
        {
            Assert.DoesNotContain(typed, refused, StringComparison.Ordinal);
        }

        foreach (var typed in new[] { AdminPassword, newPassword, otherConfirm })
        {
            Assert.DoesNotContain(typed, mismatch, StringComparison.Ordinal);
        }
    }

    /// <summary>Signs the bootstrap administrator in; returns the change-password page the sign-in lands on.</summary>
    private static async Task<string> SignInAsync(HttpClient client)
    {
        var html = await PostFormAsync(client, "/Account/Login", "login", new()
        {
            ["Input.Step"] = "password",
            ["Input.UserName"] = AdminUserName,
            ["Input.Password"] = AdminPassword,
        });
        Assert.Contains("Choose a new password", html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Loads the form's page for its antiforgery token, posts the fields and returns the HTML answered (after redirects).</summary>
    private static async Task<string> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {path}.");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        using var content = new FormUrlEncodedContent(form);
        var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>The real app with a known bootstrap administrator (who must change the password at first sign-in).</summary>
    public sealed class Factory : WebApplicationFactory<Program>
    {
        private readonly string _dataDirectory = Directory.CreateTempSubdirectory("ic-web-pw-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("IdentityCenter:DataDirectory", _dataDirectory);
            builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", AdminUserName);
            builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                TestFolders.TryDelete(_dataDirectory);
            }
        }
    }
}
