namespace IdentityCenter.Infrastructure.Audit;

/// <summary>
/// One administrative AWS API call in progress (Identity Store, SSO Admin, Organizations), so that every call lands in the
/// audit log exactly once: the services the call uses write their own events (with the caller's access key id, in the
/// same transaction as the change), and every stored event made while the call runs is counted here; when the call
/// wrote none (a read, a refusal, a validation error) the API writes the call's own event. Flows with the call's async
/// work (<see cref="AsyncLocal{T}"/>); nothing outside such a call sees it.
/// </summary>
public sealed class ApiCallAudit : IDisposable
{
    private static readonly AsyncLocal<ApiCallAudit?> Ambient = new();

    private readonly ApiCallAudit? _outer;
    private int _events;

    private ApiCallAudit(ApiCallAudit? outer) => _outer = outer;

    /// <summary>The call in progress on this async flow, or null.</summary>
    public static ApiCallAudit? Current => Ambient.Value;

    /// <summary>How many audit events were stored for this call so far.</summary>
    public int EventsWritten => Volatile.Read(ref _events);

    /// <summary>Starts counting for one call; dispose when the call has been answered.</summary>
    public static ApiCallAudit Begin()
    {
        var call = new ApiCallAudit(Ambient.Value);
        Ambient.Value = call;
        return call;
    }

    internal void Count() => Interlocked.Increment(ref _events);

    public void Dispose() => Ambient.Value = _outer;
}
