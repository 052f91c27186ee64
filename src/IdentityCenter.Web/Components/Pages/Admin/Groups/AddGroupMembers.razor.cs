using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>
/// The logic of <c>AddGroupMembers.razor</c>: searches candidates with <see cref="IGroupDirectoryService.SearchCandidatesAsync"/>
/// (a prefix search limited to <see cref="MaxMatches"/>), queues the chosen ones and adds them in one
/// <see cref="IGroupDirectoryService.AddMembersAsync"/> once the authorizer allows each membership again on the server.
/// A refusal or failure shows above the search; <see cref="Added"/> lets the members list load the new members.
/// </summary>
public partial class AddGroupMembers
{
    /// <summary>The most matches one search shows (the service is asked for no more).</summary>
    private const int MaxMatches = 20;

    private MudAutocomplete<MemberCandidate>? _autocomplete;
    private MemberCandidate? _candidate;
    private readonly List<MemberCandidate> _pending = [];

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Adding the queued users: busy state and the refusal or failure shown above the search.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    /// <summary>The group users are added to.</summary>
    [Parameter, EditorRequired]
    public GroupDetail Group { get; set; } = default!;

    /// <summary>Called after users were added.</summary>
    [Parameter]
    public EventCallback Added { get; set; }

    private async Task<IEnumerable<MemberCandidate>> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var hits = await Groups.SearchCandidatesAsync(Group.Id, text.Trim(), MaxMatches, cancellationToken);
        return hits.Where(h => _pending.All(p => p.UserId != h.UserId));
    }

    private async Task OnChosenAsync(MemberCandidate? candidate)
    {
        _candidate = null;
        if (candidate is not null && !candidate.IsMember && _pending.All(p => p.UserId != candidate.UserId))
        {
            _pending.Add(candidate);
        }

        if (_autocomplete is not null)
        {
            await _autocomplete.ClearAsync();
        }
    }

    private async Task AddAsync()
    {
        if (Change.Busy || _pending.Count == 0)
        {
            return;
        }

        var group = Group;
        var adding = _pending.ToList();
        var result = await Change.RunAsync(async () =>
        {
            foreach (var candidate in adding)
            {
                if (await Access.RefusalAsync(ConsoleActions.CreateGroupMembership, candidate.UserId, group.Id) is { } refusal)
                {
                    return refusal;
                }
            }

            return await Groups.AddMembersAsync(group.Id, adding.Select(p => p.UserId).ToList(), await CurrentActor.GetAsync());
        });
        if (result is not null)
        {
            Snackbar.Add($"Added to {group.DisplayName}: {string.Join(", ", adding.Select(p => p.UserName))}.", Severity.Success);
            _pending.Clear();
            await Added.InvokeAsync();
        }
    }
}
