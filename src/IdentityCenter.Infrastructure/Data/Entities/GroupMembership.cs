using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>A user's membership of a group, a first-class object as in the identity store (MembershipId).</summary>
public sealed class GroupMembership
{
    public string Id { get; set; } = Guid.NewGuid().ToString();

    public string GroupId { get; set; } = "";

    public Group? Group { get; set; }

    public string UserId { get; set; } = "";

    public ApplicationUser? User { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
