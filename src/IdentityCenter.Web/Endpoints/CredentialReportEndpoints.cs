using System.Globalization;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Hosting;

namespace IdentityCenter.Web.Endpoints;

public static class CredentialReportEndpoints
{
    public const string Path = "/admin/reports/credentials.csv";

    /// <summary>
    /// Maps <c>GET /admin/reports/credentials.csv</c>: IAM's credential report for the directory users
    /// (plus portal_last_sign_in) as a CSV download, generated at request time and streamed. Administrators only.
    /// </summary>
    public static IEndpointConventionBuilder MapCredentialReport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Path, Download)
            .RequireAuthorization(IdentityCenterPolicies.Administrator)
            .WithSecurityHeadersPolicy(SecurityHeaderPolicies.NoStore)
            .WithName("CredentialReport");
    }

    private static IResult Download(HttpContext context, IAccessDashboardService dashboard, TimeProvider clock)
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Results.Stream(
            stream => dashboard.WriteCredentialReportAsync(stream, context.RequestAborted),
            "text/csv; charset=utf-8",
            $"identitycenter-credential-report-{stamp}.csv");
    }
}
