namespace IdentityCenter.Core.Directory;

/// <summary>The editable profile attributes of a user (the user name is set at creation and never changes).</summary>
public sealed record UserProfile(string DisplayName, string? GivenName, string? FamilyName, string? Email);
