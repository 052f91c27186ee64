using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Dashboard;

/// <summary>
/// The logic of <c>DashboardPage.razor</c>: the access dashboard's figures (<see cref="IAccessDashboardService"/>) and,
/// after a confirmation, seeding or resetting the workshop's demo data (<see cref="IWorkshopSeeder"/>).
/// </summary>
public partial class DashboardPage
{
    [Inject]
    private IAccessDashboardService Dashboard { get; set; } = default!;

    [Inject]
    private IWorkshopSeeder Workshop { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Seeding or resetting the demo data: busy state and errors under the buttons.</summary>
    [Inject]
    private OperationState Seed { get; set; } = default!;

    /// <summary>Loading the figures (on opening, Refresh and after seeding): Refresh is disabled meanwhile, the failure shows above them.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    private DashboardSnapshot? _snapshot;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private WorkshopSeedResult? _seed;

    private static IEnumerable<(string Label, int Value, string Href, string Id)> Counts(DashboardSnapshot s) =>
    [
        ("Users", s.Users, "/admin/users", "users"),
        ("Groups", s.Groups, "/admin/groups", "groups"),
        ("Accounts", s.Accounts, "/admin/organization", "accounts"),
        ("Permission sets", s.PermissionSets, "/admin/permission-sets", "permission-sets"),
        ("Assignments", s.Assignments, "/admin/access/matrix", "assignments"),
        ("Enabled users", s.EnabledUsers, "/admin/users", "enabled-users"),
    ];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() =>
        await Load.TryAsync(async () =>
        {
            var snapshot = await Dashboard.GetDashboardAsync();
            _labels = snapshot.SignInsPerDay.Select(d => d.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            _series =
            [
                new ChartSeries<double> { Name = "Successful", Data = new ChartData<double>(snapshot.SignInsPerDay.Select(d => (double)d.Successes).ToList()) },
                new ChartSeries<double> { Name = "Failed", Data = new ChartData<double>(snapshot.SignInsPerDay.Select(d => (double)d.Failures).ToList()) },
            ];
            _snapshot = snapshot;
        }, unavailable: "The dashboard figures could not be loaded. Try again in a moment.");

    private async Task SeedAsync(bool reset)
    {
        var question = reset
            ? "Remove the demo accounts, permission sets, assignments, users and groups, then seed them again? Changes made to demo data are lost."
            : "Create the demo organization, users and groups and provision every permission set?";
        if (!await Dialogs.ConfirmAsync(reset ? "Reset demo data" : "Seed demo organization", question, reset ? "Reset" : "Seed", reset ? Color.Warning : Color.Primary))
        {
            return;
        }

        var result = await Seed.RunAsync(async () =>
        {
            StateHasChanged(); // The handler already awaited the confirmation: show the busy state now, not when seeding ends.
            return await Workshop.SeedAsync(reset, await CurrentActor.GetAsync());
        });
        if (result?.Value is { } seeded)
        {
            _seed = seeded;
            Snackbar.Add(reset ? "Demo data reset." : "Demo organization seeded.", Severity.Success);
            await LoadAsync();
        }
    }
}
