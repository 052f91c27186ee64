using System.Globalization;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Csv;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Hosting;

namespace IdentityCenter.Web.Endpoints;

public static class AdminAuditExportEndpoints
{
    /// <summary>
    /// Maps <c>GET /admin/audit/export?format=jsonl|csv&amp;from=&amp;to=&amp;eventName=&amp;user=&amp;outcome=</c>
    /// (see <see cref="AuditExportQuery"/>): every matching audit event as a file download, streamed, newest
    /// first. Administrators only. Bad parameters give 400 with a plain-text message saying what to fix.
    /// </summary>
    public static IEndpointConventionBuilder MapAdminAuditExport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(AuditExportQuery.Path, Export)
            .RequireAuthorization(IdentityCenterPolicies.Administrator)
            .WithSecurityHeadersPolicy(SecurityHeaderPolicies.NoStore)
            .WithName("AdminAuditExport");
    }

    private static IResult Export(HttpContext context, IAuditLog auditLog, TimeProvider clock)
    {
        if (!AuditExportQuery.TryParse(context.Request.Query, out var format, out var filter, out var error))
        {
            return Results.Text(error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return format == AuditExportQuery.Csv
            ? Results.Stream(stream => auditLog.ExportCsvAsync(filter, stream, context.RequestAborted), CsvFiles.ContentType, $"identitycenter-audit-{stamp}.csv")
            : Results.Stream(stream => auditLog.ExportJsonLinesAsync(filter, stream, context.RequestAborted), "application/x-ndjson; charset=utf-8", $"identitycenter-audit-{stamp}.jsonl");
    }
}
