using System.Runtime.CompilerServices;
using System.Security.Claims;
using Bunit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Components.SignIn;
using IdentityCenter.Web.Components.SignIn.Pages;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.SignIn.Pages;

public sealed class EnrollMfaTests
{
    private static readonly TotpEnrollment Enrollment = new(
        "enrol-1", "JBSWY3DPEHPK3PXP", "JBSW Y3DP EHPK 3PXP", "otpauth://totp/IdentityCenter:bob?secret=JBSWY3DPEHPK3PXP", [0x89, 0x50, 0x4E, 0x47], "<svg/>");

    private readonly HttpContextAccessor _request = new();

    private (BunitContext Context, FakeMfaDeviceService Devices) Create()
    {
        var devices = new FakeMfaDeviceService { NextEnrollment = Enrollment };
        var context = BunitTestContext.Create(c =>
        {
            // A static form page: the acting user comes from the request, as in the app.
            c.Services.AddSingleton<IHttpContextAccessor>(_request);
            c.Services.AddSingleton<IMfaDeviceService>(devices);
            c.Services.AddSingleton<IUserSessionService>(new FakeUserSessionService());
            c.Services.AddScoped<IdentityRedirectManager>();

            // The page calls the sign-in manager only after a successful code; these tests stop before that.
            c.Services.AddSingleton((SignInManager<ApplicationUser>)RuntimeHelpers.GetUninitializedObject(typeof(SignInManager<ApplicationUser>)));
        });
        return (context, devices);
    }

    private DefaultHttpContext SignedIn(string method)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, "user-1"), new Claim(ClaimTypes.Name, "bob"),
                 new Claim(IdentityCenterClaimTypes.MfaEnrollmentRequired, IdentityCenterClaimTypes.TrueValue)],
                "test")),
        };
        http.Request.Method = method;
        _request.HttpContext = http;
        return http;
    }

    [Fact]
    public async Task Get_RequiredEnrolment_ShowsQrCodeKeyAndLabelledFields()
    {
        var (context, _) = Create();
        await using var _ = context;

        var page = context.Render<EnrollMfa>(p => p.AddCascadingValue(SignedIn("GET")));

        Assert.Contains("requires an authenticator app", page.Markup, StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", page.Find("img").GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal("JBSW Y3DP EHPK 3PXP", page.Find("#totp-key").TextContent);
        Assert.Equal("JBSWY3DPEHPK3PXP", page.Find("#totp-key").GetAttribute("data-key"));
        Assert.Equal("code", page.Find("label[for=code]").GetAttribute("for"));
        Assert.NotNull(page.Find("#friendly-name"));
        Assert.Equal("enrol-1", page.Find("input[name='Input.EnrollmentId']").GetAttribute("value"));
    }

    [Fact]
    public async Task Submit_WrongCode_ShowsFieldMessageAndKeepsTheSameKey()
    {
        var (context, devices) = Create();
        await using var _ = context;
        devices.PendingEnrollments[Enrollment.EnrollmentId] = Enrollment;
        var page = context.Render<EnrollMfa>(p => p.AddCascadingValue(SignedIn("POST")));
        page.Find("#code").Change("000000");
        page.Find("#friendly-name").Change("Phone");

        await page.Find("form").SubmitAsync();

        // (bUnit does not post the hidden enrolment id the way a browser does, so the page starts a fresh enrolment after the error.)
        var completion = Assert.Single(devices.Completions);
        Assert.Equal(("user-1", "000000", "Phone"), (completion.UserId, completion.Code, completion.FriendlyName));
        Assert.Contains("That code is not right", page.Find(".ic-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("JBSWY3DPEHPK3PXP", page.Find("#totp-key").GetAttribute("data-key"));
    }

    [Fact]
    public async Task Get_NoMoreDevicesAllowed_ExplainsWhyAndShowsNoForm()
    {
        var (context, devices) = Create();
        await using var _ = context;
        devices.NextEnrollment = null;

        var page = context.Render<EnrollMfa>(p => p.AddCascadingValue(SignedIn("GET")));

        Assert.Contains("the most allowed", page.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#totp-key"));
        Assert.Empty(page.FindAll("form"));
    }
}
