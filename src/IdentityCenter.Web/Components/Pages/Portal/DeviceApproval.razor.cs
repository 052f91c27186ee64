using System.Security.Claims;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sso;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Portal;

public enum ApprovalView
{
    /// <summary>Type a code (none given, or the one given cannot be used).</summary>
    EnterCode,
    Ask,
    Allowed,
    Denied,
    /// <summary>An authorization-code request that is missing, expired or already decided.</summary>
    RequestProblem,
}

/// <summary>
/// Consent for the AWS CLI and SDKs: the device page (<c>/device?user_code=ABCD-EFGH</c>, the
/// <c>verificationUriComplete</c> of StartDeviceAuthorization) and the authorization-code page
/// (<c>/start/authorize?request=…</c>, where <c>/aws/oidc/authorize</c> sends the browser). The person signs in
/// through the normal sign-in (password, MFA as configured), sees the client's name and the code, and allows or
/// denies. Static server-rendered, so the decision is an antiforgery-checked form post.
/// </summary>
public partial class DeviceApproval
{
    [Inject]
    private SsoOidcService Oidc { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "user_code")]
    private string? UserCodeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "request")]
    private string? RequestQuery { get; set; }

    [SupplyParameterFromForm]
    private ConsentInput Input { get; set; } = default!;

    internal ApprovalView View { get; private set; }

    internal ConsentRequest? Request { get; private set; }

    internal string? Message { get; private set; }

    internal string? ClientName { get; private set; }

    private string? UserCodeInput => UserCodeQuery;

    private string UserName => HttpContext.User.Identity?.Name ?? "";

    private bool IsCodeFlow => Navigation.ToBaseRelativePath(Navigation.Uri).StartsWith("start/authorize", StringComparison.OrdinalIgnoreCase);

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsPost(HttpContext.Request.Method))
        {
            // Blazor dispatches a posted form only to a form that is rendered: render the question again, then DecideAsync answers it.
            Request = new ConsentRequest(Input.RequestId ?? "", "", "", null, [], default, "");
            View = ApprovalView.Ask;
            return;
        }

        if (IsCodeFlow)
        {
            var lookup = await Oidc.FindRequestAsync(RequestQuery, HttpContext.RequestAborted);
            Show(lookup, "This sign-in request is not valid (it may have been used already or come from an unregistered application).");
        }
        else if (!string.IsNullOrWhiteSpace(UserCodeQuery))
        {
            var lookup = await Oidc.FindByUserCodeAsync(UserCodeQuery, HttpContext.RequestAborted);
            Show(lookup, "That code is not valid. Check the code your application shows and type it again.");
        }
    }

    private void Show(ConsentLookupResult lookup, string notFound)
    {
        Request = lookup.Request;
        View = lookup.Outcome == ConsentLookup.Found ? ApprovalView.Ask : IsCodeFlow ? ApprovalView.RequestProblem : ApprovalView.EnterCode;
        Message = lookup.Outcome switch
        {
            ConsentLookup.Expired => "That request has expired. Start the sign-in again from your application to get a new code.",
            ConsentLookup.AlreadyDecided => "That request was already answered. Start the sign-in again from your application if you need to.",
            ConsentLookup.NotFound => notFound,
            _ => null,
        };
    }

    private async Task DecideAsync()
    {
        var allow = string.Equals(Input.Decision, "allow", StringComparison.Ordinal);
        var user = HttpContext.User;
        var origin = RequestOrigin.From(HttpContext);
        var consenting = new ConsentingUser(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            user.Identity?.Name ?? "",
            user.FindFirstValue(IdentityCenterClaimTypes.SessionId) ?? "",
            origin.SourceIpAddress,
            origin.UserAgent);
        var result = await Oidc.DecideAsync(Input.RequestId ?? "", allow, consenting, HttpContext.RequestAborted);
        if (result.Outcome != ConsentLookup.Found)
        {
            Show(new ConsentLookupResult(result.Outcome, null), "That request is no longer valid. Start the sign-in again from your application.");
            return;
        }

        if (result.RedirectUri is { } redirect)
        {
            // Back to the application's loopback listener with the code and state (or error=access_denied).
            Navigation.NavigateTo(redirect);
            return;
        }

        ClientName = result.ClientName;
        View = result.Allowed ? ApprovalView.Allowed : ApprovalView.Denied;
    }

    internal sealed class ConsentInput
    {
        public string? RequestId { get; set; }

        public string? Decision { get; set; }
    }
}
