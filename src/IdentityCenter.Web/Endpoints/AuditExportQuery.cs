using System.Globalization;
using System.Text;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityCenter.Web.Endpoints;

/// <summary>
/// The query string of <c>GET /admin/audit/export</c>: <c>format</c> (jsonl or csv), <c>from</c> and
/// <c>to</c> (ISO 8601, from inclusive, to exclusive), <c>eventName</c>, <c>user</c> (id or user name)
/// and <c>outcome</c> (Success or Failure). The audit page builds links with <see cref="BuildUrl"/>;
/// the endpoint reads them back with <see cref="TryParse"/>.
/// </summary>
public static class AuditExportQuery
{
    public const string Path = "/admin/audit/export";
    public const string JsonLines = "jsonl";
    public const string Csv = "csv";
    private const int MaxTextLength = 256;

    public static string BuildUrl(string format, AuditQuery filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new Dictionary<string, string?> { ["format"] = format };
        if (filter.From is { } from)
        {
            query["from"] = from.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        if (filter.To is { } to)
        {
            query["to"] = to.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(filter.EventName))
        {
            query["eventName"] = filter.EventName.Trim();
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            query["user"] = filter.User.Trim();
        }

        if (filter.Outcome is { } outcome)
        {
            query["outcome"] = outcome.ToString();
        }

        return QueryHelpers.AddQueryString(Path, query);
    }

    /// <summary>Reads the filters; on bad input <paramref name="error"/> says which parameter and what to send instead.</summary>
    public static bool TryParse(IQueryCollection query, out string format, out AuditQuery filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(query);
        filter = new AuditQuery();
        format = ((string?)query["format"])?.Trim().ToLowerInvariant() switch
        {
            null or "" or JsonLines or "json" or "ndjson" => JsonLines,
            Csv => Csv,
            _ => "",
        };
        var problems = new StringBuilder();
        if (format.Length == 0)
        {
            problems.Append("format must be jsonl or csv. ");
        }

        var from = ParseTime(query["from"], "from", problems);
        var to = ParseTime(query["to"], "to", problems);
        if (from is not null && to is not null && to <= from)
        {
            problems.Append("to must be later than from. ");
        }

        var eventName = Text(query["eventName"], "eventName", problems);
        var user = Text(query["user"], "user", problems);
        AuditOutcome? outcome = null;
        var outcomeText = ((string?)query["outcome"])?.Trim();
        if (!string.IsNullOrEmpty(outcomeText))
        {
            if (Enum.TryParse<AuditOutcome>(outcomeText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(outcomeText, out _))
            {
                outcome = parsed;
            }
            else
            {
                problems.Append("outcome must be Success or Failure. ");
            }
        }

        if (problems.Length > 0)
        {
            error = problems.ToString().Trim();
            return false;
        }

        error = null;
        filter = new AuditQuery(from, to, eventName, user, outcome);
        return true;
    }

    private static DateTimeOffset? ParseTime(string? value, string name, StringBuilder problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        problems.Append(CultureInfo.InvariantCulture, $"{name} must be an ISO 8601 time such as 2026-01-31T00:00:00Z. ");
        return null;
    }

    private static string? Text(string? value, string name, StringBuilder problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (value.Length > MaxTextLength)
        {
            problems.Append(CultureInfo.InvariantCulture, $"{name} is longer than {MaxTextLength} characters. ");
            return null;
        }

        return value.Trim();
    }
}
