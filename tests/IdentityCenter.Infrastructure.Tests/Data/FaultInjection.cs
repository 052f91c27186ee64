using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Tests.Data;

/// <summary>The failure injected into a save: what a crash or a database error at that point of a change looks like to the code.</summary>
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
        : base("Injected failure: the save stopped here.")
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Makes the first save that matches a condition fail, so a test can stop a multi-step change half-way and
/// check that nothing (or everything) of it was applied. One shared interceptor (so EF builds no extra
/// internal service providers); the condition is per test, carried by the test's async flow.
/// </summary>
public sealed class FaultInjection : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly AsyncLocal<Func<DbContext, bool>?> Condition = new();
    private static readonly AsyncLocal<bool> FailCommits = new();
    private static readonly FaultInjection Instance = new();

    private FaultInjection()
    {
    }

    /// <summary>Adds the interceptor to both providers' contexts of a test host.</summary>
    public static void Register(IServiceCollection services)
    {
        services.ConfigureDbContext<SqliteIdentityCenterDbContext>(o => o.AddInterceptors(Instance));
        services.ConfigureDbContext<PostgresIdentityCenterDbContext>(o => o.AddInterceptors(Instance));
    }

    /// <summary>Until disposed, a save whose pending changes match <paramref name="condition"/> throws <see cref="InjectedFaultException"/>.</summary>
    public static IDisposable FailWhen(Func<DbContext, bool> condition)
    {
        Condition.Value = condition;
        return new Reset();
    }

    /// <summary>Until disposed, every transaction commit throws <see cref="InjectedFaultException"/> (the process died just before it).</summary>
    public static IDisposable FailCommit()
    {
        FailCommits.Value = true;
        return new Reset();
    }

    /// <summary>True when the save adds an entity of type <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    public static bool Adds<T>(DbContext db, Func<T, bool>? match = null) where T : class => Has(db, EntityState.Added, match);

    /// <summary>True when the save deletes an entity of type <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    public static bool Deletes<T>(DbContext db, Func<T, bool>? match = null) where T : class => Has(db, EntityState.Deleted, match);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        FailCommits.Value ? throw new InjectedFaultException() : ValueTask.FromResult(result);

    public InterceptionResult TransactionCommitting(System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        FailCommits.Value ? throw new InjectedFaultException() : result;

    private static bool Has<T>(DbContext db, EntityState state, Func<T, bool>? match) where T : class =>
        db.ChangeTracker.Entries<T>().Any(e => e.State == state && (match is null || match(e.Entity)));

    private static void Check(DbContext? db)
    {
        if (db is not null && Condition.Value is { } condition && condition(db))
        {
            throw new InjectedFaultException();
        }
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose()
        {
            Condition.Value = null;
            FailCommits.Value = false;
        }
    }
}
