using IdentityCenter.Core;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>
/// The one form and action pattern of the console, instead of a try/busy/finally wrapper in every page: one operation
/// at a time (<see cref="Busy"/> disables the buttons), the service's <see cref="Errors"/> (next to their fields through
/// <see cref="HasError"/>/<see cref="ErrorText"/>, the others in <see cref="OperationErrors"/>) and a <see cref="Failure"/>
/// that is not the input's fault (the database did not answer; shown by <see cref="OperationErrors"/>).
/// Inject one per form or panel (it is transient): <c>[Inject] private OperationState Save { get; set; }</c>, and show it
/// with <c>&lt;OperationErrors Errors="Save.Errors" Failure="@Save.Failure" Fields="..." /&gt;</c>.
/// Only the database failing is caught here (<see cref="AdminErrors.IsInfrastructure"/>); anything else is a defect
/// and reaches the page's error boundary.
/// </summary>
public sealed class OperationState(ILogger<OperationState> logger)
{
    /// <summary>Shown when a change succeeded but reading the new state back did not (see <see cref="RefreshAsync"/>).</summary>
    public const string NotReloaded = "The change was made, but the page could not load the new state: the directory database did not answer. Reload the page in a moment.";

    /// <summary>True while an operation runs; a second one asked meanwhile is ignored.</summary>
    public bool Busy { get; private set; }

    /// <summary>The errors of the last refused operation or check; empty after a success.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Why the last operation did not finish when it was not the input's fault, or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>True when the last operation or check refused <paramref name="field"/>.</summary>
    public bool HasError(string field) => Errors.HasError(field);

    /// <summary>The messages for <paramref name="field"/> in one line, or null.</summary>
    public string? ErrorText(string field) => Errors.ErrorText(field);

    /// <summary>Forgets the errors and the failure (a form started afresh, an alert closed).</summary>
    public void Clear()
    {
        Errors = [];
        Failure = null;
    }

    /// <summary>
    /// Shows the errors a check found before calling the service (the same validators the service runs, so their
    /// messages appear without a round trip); true when there are none and the operation may run.
    /// </summary>
    public bool Check(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
        Failure = null;
        return errors.Count == 0;
    }

    /// <summary>Shows <paramref name="message"/> as the failure (e.g. an operation that succeeded only in part).</summary>
    public void Fail(string message)
    {
        Errors = [];
        Failure = message;
    }

    /// <summary>
    /// Runs one write: <see cref="Busy"/> meanwhile, its errors kept when it is refused, the failure when the database
    /// does not answer. Returns the result when it succeeded, null when it was refused, failed or another operation runs.
    /// </summary>
    public async Task<TResult?> RunAsync<TResult>(Func<Task<TResult>> operation)
        where TResult : OperationResult
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (Busy)
        {
            return null;
        }

        Busy = true;
        Clear();
        try
        {
            var result = await operation();
            Errors = result.Errors;
            return result.Succeeded ? result : null;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            Failure = AdminErrors.Report(ex, logger).Message;
            return null;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// Runs work that returns no <see cref="OperationResult"/> (a load, a revocation): <see cref="Busy"/> meanwhile, the
    /// failure when the database does not answer (<paramref name="unavailable"/> when given, e.g. for a load that changes
    /// nothing: "The report could not be generated. Try again in a moment."). True when it finished.
    /// </summary>
    public async Task<bool> TryAsync(Func<Task> work, string? unavailable = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Busy)
        {
            return false;
        }

        Busy = true;
        Clear();
        try
        {
            await work();
            return true;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            var reported = AdminErrors.Report(ex, logger).Message;
            Failure = unavailable ?? reported;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// Runs a read that a newer one may overlap: a table's server data, which the table asks for again while a request
    /// runs and keeps only the newest answer. Unlike <see cref="TryAsync"/> it does not wait its turn (that would drop the
    /// newest request) and leaves <see cref="Busy"/> alone (the table shows its own loading state). Returns the read's
    /// answer, forgetting an earlier failure; when the database does not answer, <paramref name="fallback"/> with
    /// <paramref name="unavailable"/> as the failure. A cancelled read's exception reaches the caller.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<Task<T>> read, T fallback, string unavailable)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            var answer = await read();
            Clear();
            return answer;
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            AdminErrors.Report(ex, logger);
            Fail(unavailable);
            return fallback;
        }
    }

    /// <summary>
    /// Loads the new state after a successful change; when the database does not answer, says that the change was made
    /// but is not shown yet (<see cref="NotReloaded"/>), never that nothing was changed.
    /// </summary>
    public Task<bool> RefreshAsync(Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(reload);
        return TryAsync(reload, NotReloaded);
    }
}
