using Bunit;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Groups;

/// <summary>The group the section tests of the group page show (Developers: alice and bob, with carol and cathy to add).</summary>
internal static class SectionTestGroup
{
    public const string Id = "g-dev";

    /// <param name="administrativeGroup">Signs in a delegated administrator (help desk, auditors) instead of a full one.</param>
    public static AdminTestContext Context(string? administrativeGroup = null)
    {
        var admin = new AdminTestContext(administrativeGroup: administrativeGroup);
        admin.Groups.AddGroup(Id, "Developers", "Build things");
        admin.Groups.AddMember(Id, "id-alice", "alice");
        admin.Groups.AddMember(Id, "id-bob", "bob");
        admin.Groups.Candidates.Add(new MemberCandidate("id-alice", "alice", "Alice", null, false));
        admin.Groups.Candidates.Add(new MemberCandidate("id-carol", "carol", "Carol", "carol@example.com", false));
        admin.Groups.Candidates.Add(new MemberCandidate("id-cathy", "cathy", "Cathy", null, false));
        return admin;
    }

    /// <summary>The group as the page loads it (with its member count).</summary>
    public static GroupDetail Of(AdminTestContext admin) => admin.Groups.GetGroupAsync(Id).GetAwaiter().GetResult()!;

    /// <summary>What the page passes as the actions it found allowed.</summary>
    public static IReadOnlySet<string> Allowing(params string[] actions) => new HashSet<string>(actions, StringComparer.OrdinalIgnoreCase);

    /// <summary>Searches the add-members type-ahead for <paramref name="search"/> and chooses the hits at <paramref name="hits"/>, as picking them in its list does.</summary>
    public static async Task ChooseAsync(IRenderedComponent<IComponent> rendered, string search, params int[] hits)
    {
        var autocomplete = rendered.FindComponent<MudAutocomplete<MemberCandidate>>();
        var found = (await rendered.InvokeAsync(() => autocomplete.Instance.SearchFunc!(search, CancellationToken.None))).ToList();
        foreach (var hit in hits)
        {
            await rendered.InvokeAsync(() => autocomplete.Instance.ValueChanged.InvokeAsync(found[hit]));
        }
    }
}
