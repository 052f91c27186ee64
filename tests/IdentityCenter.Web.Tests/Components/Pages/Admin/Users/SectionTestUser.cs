using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Tests.Fakes;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

/// <summary>The user the section tests of the user page show (frank), in a context whose fakes hold him.</summary>
internal static class SectionTestUser
{
    public const string Id = "id-frank";

    /// <param name="administrativeGroup">Signs in a delegated administrator (help desk, auditors) instead of a full one.</param>
    public static AdminTestContext Context(string? administrativeGroup = null, bool enabled = true, bool locked = false)
    {
        var admin = new AdminTestContext(administrativeGroup: administrativeGroup);
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser(Id, "frank", "Frank Ocean", "frank@example.com", enabled, locked ? admin.Clock.Now.AddMinutes(10) : null));
        return admin;
    }

    /// <summary>Frank as the directory holds him now.</summary>
    public static UserDetail Of(AdminTestContext admin) => admin.Users.Store.Single(u => u.Id == Id);

    /// <summary>What the page passes as the actions it found allowed.</summary>
    public static IReadOnlySet<string> Allowing(params string[] actions) => new HashSet<string>(actions, StringComparer.OrdinalIgnoreCase);
}
