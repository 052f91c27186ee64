using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>
/// Failures of the storage underneath a service call (database down, timeout, a write conflict) that a
/// page turns into a message. Bad input never lands here: services report it as an OperationResult.
/// </summary>
public static class AdminErrors
{
    public const string Unavailable = "The directory database did not answer, so nothing was changed. Try again in a moment.";

    public static bool IsInfrastructure(Exception exception) =>
        exception is DbException or DbUpdateException or TimeoutException or InvalidOperationException;
}
