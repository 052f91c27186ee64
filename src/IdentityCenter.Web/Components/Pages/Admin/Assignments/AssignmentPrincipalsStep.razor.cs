using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>
/// The users and groups step of the assignment wizard (<c>AssignmentPrincipalsStep.razor</c>): searches
/// <see cref="IUserDirectoryService"/> and <see cref="IGroupDirectoryService"/> (one page of hits, never the whole
/// directory) and adds the chosen ones to <see cref="Selection"/>.
/// </summary>
public partial class AssignmentPrincipalsStep
{
    /// <summary>How many hits a search shows.</summary>
    private const int HitCount = 20;

    private string? _userSearch;
    private string? _groupSearch;
    private IReadOnlyList<UserSummary> _userHits = [];
    private IReadOnlyList<GroupSummary> _groupHits = [];

    [Inject]
    private IUserDirectoryService Users { get; set; } = default!;

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    /// <summary>The user search: its failure shows under the user search field.</summary>
    [Inject]
    private OperationState UserSearch { get; set; } = default!;

    /// <summary>The group search: its failure shows under the group search field.</summary>
    [Inject]
    private OperationState GroupSearch { get; set; } = default!;

    /// <summary>The wizard's choices, edited in place.</summary>
    [Parameter, EditorRequired]
    public AssignmentSelection Selection { get; set; } = default!;

    private async Task SearchUsersAsync(string? search)
    {
        _userSearch = search;
        var hits = await SearchAsync(UserSearch, search, "The user search did not answer. Try again in a moment.",
            async text => (await Users.ListUsersAsync(new UserQuery(text, PageSize: HitCount))).Items);
        if (string.Equals(search, _userSearch, StringComparison.Ordinal))
        {
            _userHits = hits;
        }
    }

    private async Task SearchGroupsAsync(string? search)
    {
        _groupSearch = search;
        var hits = await SearchAsync(GroupSearch, search, "The group search did not answer. Try again in a moment.",
            async text => (await Groups.ListGroupsAsync(new GroupQuery(text, PageSize: HitCount))).Items);
        if (string.Equals(search, _groupSearch, StringComparison.Ordinal))
        {
            _groupHits = hits;
        }
    }

    /// <summary>
    /// One search as typed (none for blank text). Searches may overlap while someone types; the callers keep only the
    /// hits of the text typed last, so an older answer arriving late never replaces a newer one.
    /// </summary>
    private static Task<IReadOnlyList<T>> SearchAsync<T>(OperationState state, string? typed, string unavailable, Func<string, Task<IReadOnlyList<T>>> search)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            state.Clear();
            return Task.FromResult<IReadOnlyList<T>>([]);
        }

        var text = typed.Trim();
        return state.ReadAsync<IReadOnlyList<T>>(() => search(text), [], unavailable);
    }
}
