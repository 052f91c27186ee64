namespace IdentityCenter.Core.Administration;

/// <summary>
/// Where administrative resources live, as their ARNs need it: the account that holds the identity store and
/// the IAM Identity Center instance (the organization's management account), the identity store id
/// (<c>d-</c> + 10 hex), the instance id (<c>ssoins-</c> + 16 hex) and the organization id when one exists.
/// </summary>
public sealed record AdministrationScope(string AccountId, string IdentityStoreId, string InstanceId, string? OrganizationId = null)
{
    /// <summary>The account used before an organization exists (no management account yet).</summary>
    public const string NoAccount = "000000000000";

    /// <summary>The instance id used before the instance row exists (as the permission set pages do).</summary>
    public const string NoInstance = "ssoins-0000000000000000";

    /// <summary>
    /// The identity store id of an instance: <c>d-</c> and the first 10 hex characters of the instance id, so the
    /// store id needs no stored state and stays the same for the life of the instance.
    /// </summary>
    public static string IdentityStoreIdFor(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var hex = instanceId.StartsWith("ssoins-", StringComparison.Ordinal) ? instanceId["ssoins-".Length..] : instanceId;
        return "d-" + (hex.Length >= 10 ? hex[..10] : hex.PadRight(10, '0'));
    }

    /// <summary>The scope of an instance in <paramref name="accountId"/> (null = no organization yet).</summary>
    public static AdministrationScope For(string? accountId, string? instanceId, string? organizationId)
    {
        var instance = string.IsNullOrEmpty(instanceId) ? NoInstance : instanceId;
        return new AdministrationScope(string.IsNullOrEmpty(accountId) ? NoAccount : accountId, IdentityStoreIdFor(instance), instance, organizationId);
    }
}
