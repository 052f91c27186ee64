namespace IdentityCenter.Core.Organizations;

/// <summary>The organization policy kinds IdentityCenter evaluates (AWS has 13; the others carry no permissions).</summary>
public enum OrganizationPolicyType
{
    /// <summary>SERVICE_CONTROL_POLICY: caps what principals in member accounts may do.</summary>
    ServiceControlPolicy,

    /// <summary>RESOURCE_CONTROL_POLICY: caps what may be done to resources in member accounts.</summary>
    ResourceControlPolicy,
}

public static class OrganizationPolicyTypeNames
{
    public static string ToAwsString(this OrganizationPolicyType type) => type switch
    {
        OrganizationPolicyType.ServiceControlPolicy => "SERVICE_CONTROL_POLICY",
        OrganizationPolicyType.ResourceControlPolicy => "RESOURCE_CONTROL_POLICY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The lowercase segment used in policy ARNs (<c>service_control_policy</c>).</summary>
    public static string ToArnSegment(this OrganizationPolicyType type) => type.ToAwsString().ToLowerInvariant();
}
