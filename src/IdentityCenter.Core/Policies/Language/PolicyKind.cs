namespace IdentityCenter.Core.Policies.Language;

/// <summary>What a policy document is used as; decides which elements are allowed and the size limit.</summary>
public enum PolicyKind
{
    /// <summary>Customer managed policy (also used for permissions boundaries): 6,144 characters without whitespace.</summary>
    Managed,

    /// <summary>Permission-set inline policy: 32,768 bytes, at most 10,240 characters without whitespace.</summary>
    Inline,

    /// <summary>Service control policy: 5,120 characters without whitespace, no Principal.</summary>
    Scp,

    /// <summary>Resource control policy: 5,120 characters without whitespace, Principal must be "*".</summary>
    Rcp,

    /// <summary>Resource-based policy (bucket, queue, key, trust policy): Principal required, 20,480 characters.</summary>
    Resource,

    /// <summary>Session policy passed when a session is created: 2,048 characters without whitespace.</summary>
    Session,
}
