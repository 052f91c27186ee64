namespace IdentityCenter.Core.Policies.Language;

/// <summary>Statement effect.</summary>
public enum Effect
{
    Allow,
    Deny,
}
