using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>UserDetailPage.razor</c>: loads the user and what the page shows of them, and which changes the
/// administrator may make on them (<see cref="ConsoleAccess.AllowedOnAsync"/>). The changes are made by the sections
/// (<see cref="UserAccountActions"/>, <see cref="UserProfileForm"/>, <see cref="UserMfaDevices"/>, <see cref="UserSessions"/>,
/// <see cref="UserAccessKeys"/>), each with its own <see cref="OperationState"/>; after one the page loads everything again.
/// </summary>
public partial class UserDetailPage
{
    private const string Unavailable = "The user could not be loaded: the directory database did not answer. Reload the page in a moment.";

    private bool _loading = true;
    private string? _loadError;
    private UserDetail? _user;
    private IReadOnlyList<UserGroup> _groups = [];
    private IReadOnlyList<MfaDeviceInfo> _devices = [];
    private IReadOnlyList<SessionInfo> _sessions = [];
    private IReadOnlyList<AuditEvent> _events = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IReadOnlySet<string> _allowed = new HashSet<string>();

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    [Inject]
    private IMfaDeviceService MfaDevices { get; set; } = default!;

    [Inject]
    private IUserSessionService Sessions { get; set; } = default!;

    [Inject]
    private IAuditLog AuditLog { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Loading the user: the first load's failure replaces the page, a reload's shows above the profile.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    [Parameter]
    public string UserId { get; set; } = "";

    private bool IsLocked => _user?.LockedOutUntil is { } until && until > Clock.GetUtcNow();

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        if (await Load.TryAsync(async () =>
            {
                _allowed = await Access.AllowedOnAsync(UserId, null,
                    ConsoleActions.UpdateUser, ConsoleActions.DeleteUser, ConsoleActions.ResetPassword, ConsoleActions.EnableUser, ConsoleActions.DisableUser,
                    ConsoleActions.DeleteMfaDevice, ConsoleActions.DeleteSessions);
                await LoadAsync();
            }, Unavailable))
        {
            _loadError = null;
        }
        else if (Load.Failure is { } failure)
        {
            _user = null;
            _loadError = failure;
        }

        _loading = false;
    }

    private async Task LoadAsync()
    {
        _user = await Users.GetUserAsync(UserId);
        _breadcrumbs =
        [
            new BreadcrumbItem("Users", "/admin/users"),
            new BreadcrumbItem(_user?.UserName ?? "Not found", null, disabled: true),
        ];
        if (_user is null)
        {
            return;
        }

        _groups = await Groups.GetGroupsForUserAsync(UserId);
        _devices = await MfaDevices.ListDevicesAsync(UserId);
        _sessions = await Sessions.ListForUserAsync(UserId);
        _events = (await AuditLog.QueryAsync(new AuditQuery(User: UserId, PageSize: UserRecentActivity.EventCount))).Items;
    }

    /// <summary>After a section's change: the user's new state, or (when the database does not answer) that it is not shown yet.</summary>
    private async Task ReloadAsync() => await Load.RefreshAsync(LoadAsync);
}
