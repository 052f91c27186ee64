using System.Collections.Concurrent;
using System.Collections.Frozen;
using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Administration;

/// <summary>
/// Every administration document attached to users and groups, held in memory (a few rows: decisions read no database for
/// them), compiled once per version. Reloaded after a local change (<see cref="Invalidate"/>) and when another instance
/// changes them (<see cref="ChangeConcerns.AdministrationPolicies"/>).
/// </summary>
public sealed class AdministrationPolicyCache(IDbContextFactory<IdentityCenterDbContext> contexts) : IChangeGenerationListener, IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, PolicySet> _sets = new(StringComparer.Ordinal);
    private volatile Snapshot? _snapshot;
    private long _version;

    string IChangeGenerationListener.Concern => ChangeConcerns.AdministrationPolicies;

    Task IChangeGenerationListener.OnChangedAsync(CancellationToken cancellationToken)
    {
        Invalidate();
        return Task.CompletedTask;
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>Forgets what is held; the next question loads again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _snapshot = null;
        _sets.Clear();
    }

    /// <summary>The attachments of one user or group, oldest first.</summary>
    public async ValueTask<IReadOnlyList<AdministrationPolicyAttachment>> OfAsync(AdministrationPrincipalType type, string principalId, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).ByPrincipal.GetValueOrDefault((type, principalId)) ?? [];

    /// <summary>The ids of the groups that hold at least one attached document.</summary>
    public async ValueTask<IReadOnlySet<string>> GroupsWithDocumentsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).Groups;

    /// <summary>Whether any user holds a document of their own.</summary>
    public async ValueTask<bool> UserHoldsDocumentsAsync(string userId, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).ByPrincipal.ContainsKey((AdministrationPrincipalType.User, userId));

    /// <summary>
    /// The compiled identity-policy set of the built-in documents <paramref name="builtInNames"/> plus <paramref name="attachments"/>
    /// (each document once), compiled once per combination until the next change.
    /// </summary>
    public PolicySet PolicySetFor(IReadOnlyList<string> builtInNames, IReadOnlyList<AdministrationPolicyAttachment> attachments)
    {
        var names = new SortedSet<string>(builtInNames, StringComparer.Ordinal);
        var custom = new SortedDictionary<string, AdministrationPolicyAttachment>(StringComparer.Ordinal);
        foreach (var attachment in attachments)
        {
            if (attachment.IsBuiltIn)
            {
                names.Add(attachment.Name);
            }
            else
            {
                custom[attachment.Id] = attachment;
            }
        }

        var key = string.Join('|', names) + "#" + string.Join('|', custom.Keys);
        return _sets.GetOrAdd(key, _ => new PolicySet(
            [.. names.Select(AdministrationPolicies.Get), .. custom.Values.Select(Compile)], null, null, null, null, null, null));
    }

    /// <summary>A customer document as the evaluator needs it, named "<c>group or user</c>/<c>name</c>" in explanations.</summary>
    internal static CompiledPolicy Compile(AdministrationPolicyAttachment attachment) =>
        new(new NamedPolicy(attachment.Name, PolicyParser.Parse(attachment.Text, PolicyKind.Managed).Evaluable
            ?? PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}""", PolicyKind.Managed).Document!));

    internal static AdministrationPolicyAttachment ToAttachment(AdministrationPolicyRecord r) => new(
        r.Id, r.PrincipalType == "USER" ? AdministrationPrincipalType.User : AdministrationPrincipalType.Group, r.PrincipalId, r.Name, r.Document, r.CreatedAt, r.CreatedBy);

    private async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } held)
        {
            return held;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } loaded)
            {
                return loaded;
            }

            var version = Interlocked.Read(ref _version);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rows = await db.AdministrationPolicies.AsNoTracking().ToListAsync(cancellationToken);
            var byPrincipal = rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToAttachment)
                .GroupBy(a => (a.PrincipalType, a.PrincipalId))
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<AdministrationPolicyAttachment>)[.. g]);
            var groups = byPrincipal.Keys.Where(k => k.PrincipalType == AdministrationPrincipalType.Group).Select(k => k.PrincipalId).ToFrozenSet(StringComparer.Ordinal);
            var snapshot = new Snapshot(byPrincipal, groups);

            // A change while this was loading leaves nothing stale behind: the next question loads again.
            if (Interlocked.Read(ref _version) == version)
            {
                _snapshot = snapshot;
            }

            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    private sealed record Snapshot(
        FrozenDictionary<(AdministrationPrincipalType, string), IReadOnlyList<AdministrationPolicyAttachment>> ByPrincipal,
        FrozenSet<string> Groups);
}
