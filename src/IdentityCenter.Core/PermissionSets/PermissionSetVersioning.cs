namespace IdentityCenter.Core.PermissionSets;

/// <summary>
/// Decides which edits change what is provisioned into accounts. As in AWS, such edits are not pushed
/// automatically: the permission set's version moves on and every account provisioned at an older
/// version reads as out of date until it is provisioned again.
/// </summary>
public static class PermissionSetVersioning
{
    /// <summary>
    /// True when the edit changes the provisioned role: attached policies, inline policy, boundary or
    /// session duration (the role's maximum session). Name, description, relay state and tags do not.
    /// </summary>
    public static bool AffectsProvisionedRoles(PermissionSet before, PermissionSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.SessionDuration != after.SessionDuration
            || !string.Equals(before.InlinePolicy, after.InlinePolicy, StringComparison.Ordinal)
            || before.PermissionsBoundary != after.PermissionsBoundary
            || !before.ManagedPolicyArns.Order(StringComparer.Ordinal).SequenceEqual(after.ManagedPolicyArns.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            || !before.CustomerManagedPolicyReferences.OrderBy(r => r.Path + r.Name, StringComparer.Ordinal)
                .SequenceEqual(after.CustomerManagedPolicyReferences.OrderBy(r => r.Path + r.Name, StringComparer.Ordinal));
    }

    /// <summary>Returns <paramref name="after"/> with the version moved past <paramref name="before"/>'s when the edit affects roles.</summary>
    public static PermissionSet ApplyEdit(PermissionSet before, PermissionSet after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after with { Id = before.Id, Version = AffectsProvisionedRoles(before, after) ? before.Version + 1 : before.Version };
    }
}
