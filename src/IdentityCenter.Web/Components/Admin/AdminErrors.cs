using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>What a page shows for a failed operation; <see cref="CorrelationId"/> finds the logged details.</summary>
public sealed record OperationFailure(string Message, string? CorrelationId);

/// <summary>
/// The one rule for failures a page did not expect (bad input never lands here: services report it as an
/// OperationResult). Only the storage underneath failing (a database error or a timeout, also when EF wraps it)
/// says "unavailable, try again": retrying may help. Anything else is a defect: it is logged with a correlation
/// id and shown as an error naming that id, never as "try again".
/// </summary>
public static class AdminErrors
{
    public const string Unavailable = "The directory database did not answer, so nothing was changed. Try again in a moment.";

    /// <summary>A database error or a timeout, anywhere in the exception's chain.</summary>
    public static bool IsInfrastructure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or DbUpdateException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Logs the failure (with a new correlation id unless the database is unavailable) and says what to show.</summary>
    public static OperationFailure Report(Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(logger);
        if (IsInfrastructure(exception))
        {
            logger.LogWarning(exception, "The database did not answer.");
            return new OperationFailure(Unavailable, null);
        }

        var id = NewCorrelationId();
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            logger.LogError(exception, "Unexpected error {CorrelationId}.", id);
        }

        return new OperationFailure(
            $"Something went wrong and the operation did not finish. Error id {id}: give it to your administrator, who finds the details in the server log under that id.",
            id);
    }

    /// <summary>Short enough to read out, random enough not to repeat: 12 hex digits.</summary>
    private static string NewCorrelationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
