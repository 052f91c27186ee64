namespace IdentityCenter.Core.Policies.Language;

/// <summary>The policy language version. A document without <c>Version</c> follows 2008-10-17 rules.</summary>
public enum PolicyVersion
{
    /// <summary>2008-10-17: policy variables are literal text.</summary>
    Version2008,

    /// <summary>2012-10-17: policy variables are substituted.</summary>
    Version2012,
}
