using System.Globalization;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Csv;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Hosting;

namespace IdentityCenter.Web.Endpoints;

public static class CredentialReportEndpoints
{
    public const string Path = "/admin/reports/credentials.csv";

    /// <summary>
    /// Maps <c>GET /admin/reports/credentials.csv</c>: IAM's credential report for the directory users
    /// (plus portal_last_sign_in) as a CSV download (<see cref="CsvFiles"/>), generated at request time. Administrators only.
    /// </summary>
    public static IEndpointConventionBuilder MapCredentialReport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(Path, Download)
            .RequireAuthorization(IdentityCenterPolicies.Administrator)
            .WithSecurityHeadersPolicy(SecurityHeaderPolicies.NoStore)
            .WithName("CredentialReport");
    }

    private static async Task<IResult> Download(HttpContext context, IAccessDashboardService dashboard, TimeProvider clock)
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var report = await dashboard.GetCredentialReportAsync(context.RequestAborted);
        return Results.Stream(
            stream => CsvFiles.WriteAllAsync(stream, report.Rows.Prepend(report.Columns), context.RequestAborted),
            CsvFiles.ContentType,
            $"identitycenter-credential-report-{stamp}.csv");
    }
}
