using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Returns the prepared result and records the requests.</summary>
public sealed class FakePolicySimulator : IPolicySimulator
{
    public List<SimulationRequest> Requests { get; } = [];

    public List<CustomSimulationRequest> CustomRequests { get; } = [];

    public OperationResult<SimulationResult>? NextResult { get; set; }

    public Task<OperationResult<SimulationResult>> SimulateAsync(SimulationRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(NextResult ?? OperationResult.Ok(new SimulationResult([])));
    }

    public List<AdministrationSimulationRequest> AdministrationRequests { get; } = [];

    public Task<OperationResult<SimulationResult>> SimulateAdministrationAsync(AdministrationSimulationRequest request, CancellationToken cancellationToken = default)
    {
        AdministrationRequests.Add(request);
        return Task.FromResult(NextResult ?? OperationResult.Ok(new SimulationResult([])));
    }

    public OperationResult<SimulationResult> SimulateCustom(CustomSimulationRequest request)
    {
        CustomRequests.Add(request);
        return NextResult ?? OperationResult.Ok(new SimulationResult([]));
    }
}

/// <summary>Prepared effective access and matrix pages; records matrix queries.</summary>
public sealed class FakeEffectiveAccessService : IEffectiveAccessService
{
    public Dictionary<string, UserEffectiveAccess> Users { get; } = [];

    public List<MatrixQuery> Queries { get; } = [];

    public List<MatrixRow> Rows { get; } = [];

    public Dictionary<string, string> AccountNames { get; } = [];

    /// <summary>When set, reading a user's access or a matrix page throws it, as a database that does not answer would.</summary>
    public Exception? StorageFailure { get; set; }

    public Task<UserEffectiveAccess?> GetUserAccessAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<UserEffectiveAccess?>(failure) : Task.FromResult(Users.GetValueOrDefault(userId));

    public Task<AccessMatrixResult> GetMatrixAsync(MatrixQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        if (StorageFailure is { } failure)
        {
            return Task.FromException<AccessMatrixResult>(failure);
        }

        var rows = Rows.Where(r => string.IsNullOrEmpty(query.PrincipalSearch) || r.PrincipalName.Contains(query.PrincipalSearch, StringComparison.OrdinalIgnoreCase)).ToList();
        var accounts = query.AccountIds?.ToList() ?? rows.SelectMany(r => r.Cells.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new AccessMatrixResult(new MatrixPage(accounts, rows.Skip(query.Skip).Take(query.Take).ToList(), rows.Count), AccountNames));
    }
}

public sealed class FakeAccessControlAttributeService : IAccessControlAttributeService
{
    public List<AccessControlAttribute> Attributes { get; } = [];

    public List<IReadOnlyList<AccessControlAttribute>> Puts { get; } = [];

    public OperationResult? NextFailure { get; set; }

    /// <summary>When set, reading the attributes throws it, as a database that does not answer would.</summary>
    public Exception? StorageFailure { get; set; }

    public Task<IReadOnlyList<AccessControlAttribute>> GetAttributesAsync(CancellationToken cancellationToken = default) =>
        StorageFailure is { } failure ? Task.FromException<IReadOnlyList<AccessControlAttribute>>(failure) : Task.FromResult<IReadOnlyList<AccessControlAttribute>>(Attributes.ToList());

    public Task<OperationResult> PutAttributesAsync(IReadOnlyList<AccessControlAttribute> attributes, Actor actor, CancellationToken cancellationToken = default)
    {
        Puts.Add(attributes);
        var failure = NextFailure;
        NextFailure = null;
        if (failure is not null)
        {
            return Task.FromResult(failure);
        }

        Attributes.Clear();
        Attributes.AddRange(attributes);
        return Task.FromResult(OperationResult.Success);
    }

    public Task<IReadOnlyDictionary<string, string?>> GetUserAttributesAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public Task<OperationResult> SetUserAttributesAsync(string userId, IReadOnlyDictionary<string, string?> values, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(OperationResult.Success);

    public Task<PrincipalTagMapping> GetPrincipalTagsAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PrincipalTagMapping(new Dictionary<string, string>(), []));
}

public sealed class FakeAccessDashboardService : IAccessDashboardService
{
    public DashboardSnapshot Snapshot { get; set; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 90, [], []);

    public CredentialReport Report { get; set; } = new(["user", "arn", "user_creation_time", "password_enabled", "mfa_active", "portal_last_sign_in"], []);

    /// <summary>When set, reading the dashboard's figures throws it, as a database that does not answer would.</summary>
    public Exception? DashboardFailure { get; set; }

    public Task<DashboardSnapshot> GetDashboardAsync(int days = 14, int recentEvents = 10, int oldPasswordDays = 90, CancellationToken cancellationToken = default) =>
        DashboardFailure is { } failure ? Task.FromException<DashboardSnapshot>(failure) : Task.FromResult(Snapshot);

    /// <summary>When set, generating the credential report throws it (a database timeout, or a defect).</summary>
    public Exception? ReportFailure { get; set; }

    public Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken = default) =>
        ReportFailure is { } failure ? Task.FromException<CredentialReport>(failure) : Task.FromResult(Report);
}

public sealed class FakeWorkshopSeeder : IWorkshopSeeder
{
    public List<bool> Seeds { get; } = [];

    public int Removes { get; private set; }

    public OperationResult? NextFailure { get; set; }

    public Task<OperationResult<WorkshopSeedResult>> SeedAsync(bool reset, Actor actor, CancellationToken cancellationToken = default)
    {
        Seeds.Add(reset);
        var failure = NextFailure;
        NextFailure = null;
        return Task.FromResult(failure is not null
            ? failure.As<WorkshopSeedResult>()
            : OperationResult.Ok(new WorkshopSeedResult("o-demo", 6, 5, 12, [new WorkshopUser("alice", "Demo#Pass-1", ["Developers"])], reset)));
    }

    public Task<OperationResult> RemoveAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        Removes++;
        return Task.FromResult(OperationResult.Success);
    }
}
