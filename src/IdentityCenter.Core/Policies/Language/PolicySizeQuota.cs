using System.Globalization;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>The size of a document against its kind's quotas, as the parser, the editor's counter and the savers see it.</summary>
public sealed record PolicySize(PolicyKind Kind, int Characters, int CharacterLimit, int Length, int? LengthLimit)
{
    public bool OverLimit => Characters > CharacterLimit || (LengthLimit is { } max && Length > max);

    /// <summary>What is over the limit and how to fix it; null when the document fits.</summary>
    public string? Problem
    {
        get
        {
            if (Characters > CharacterLimit)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"The policy has {Characters:N0} characters not counting whitespace between JSON elements; {PolicySizeQuota.Describe(Kind)} allows at most {CharacterLimit:N0}. Merge statements, use wildcards for action lists, or split it into several policies.");
            }

            return LengthLimit is { } max && Length > max
                ? string.Create(CultureInfo.InvariantCulture,
                    $"The policy is {Length:N0} characters long with whitespace; {PolicySizeQuota.Describe(Kind)} allows at most {max:N0}. Remove indentation or split it into managed policies.")
                : null;
        }
    }
}

/// <summary>
/// The one definition of policy size quotas and of how a document is counted against them. A policy's size
/// is the number of its characters once the whitespace between JSON elements is removed (IAM does not count
/// white space; Organizations lets you delete the white space outside quotation marks): managed policies and
/// permissions boundaries 6,144, SCPs and RCPs 5,120, session policies 2,048, resource-based policies 20,480,
/// a permission set's inline policy 10,240 (the role's inline quota) and 32,768 characters in all.
/// References: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html,
/// https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutInlinePolicyToPermissionSet.html
/// </summary>
public static class PolicySizeQuota
{
    public const int ManagedPolicyCharacters = 6_144;
    public const int OrganizationPolicyCharacters = 5_120;
    public const int SessionPolicyCharacters = 2_048;
    public const int ResourcePolicyCharacters = 20_480;
    public const int InlinePolicyCharacters = 10_240;
    public const int InlinePolicyLength = 32_768;

    /// <summary>The most characters (not counting whitespace between JSON elements) a document of <paramref name="kind"/> may have.</summary>
    public static int CharacterLimit(PolicyKind kind) => kind switch
    {
        PolicyKind.Managed => ManagedPolicyCharacters,
        PolicyKind.Scp or PolicyKind.Rcp => OrganizationPolicyCharacters,
        PolicyKind.Session => SessionPolicyCharacters,
        PolicyKind.Resource => ResourcePolicyCharacters,
        _ => InlinePolicyCharacters,
    };

    /// <summary>The most characters a document may have with its whitespace, where the API caps it (the inline policy); null otherwise.</summary>
    public static int? LengthLimit(PolicyKind kind) => kind == PolicyKind.Inline ? InlinePolicyLength : null;

    /// <summary>"a managed policy", "a service control policy", …: for messages.</summary>
    public static string Describe(PolicyKind kind) => kind switch
    {
        PolicyKind.Managed => "a managed policy",
        PolicyKind.Scp => "a service control policy",
        PolicyKind.Rcp => "a resource control policy",
        PolicyKind.Session => "a session policy",
        PolicyKind.Resource => "a resource-based policy",
        _ => "a permission-set inline policy",
    };

    /// <summary>Counts <paramref name="document"/> against <paramref name="kind"/>'s quotas.</summary>
    public static PolicySize Measure(string document, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new PolicySize(kind, CountCharacters(document), CharacterLimit(kind), document.Length, LengthLimit(kind));
    }

    /// <summary>
    /// Characters that count against the quota: everything except whitespace outside JSON strings
    /// (indentation, line breaks, spaces between elements). Whitespace inside a string counts.
    /// </summary>
    public static int CountCharacters(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var count = 0;
        var inString = false;
        var escaped = false;
        foreach (var c in document)
        {
            if (inString)
            {
                count++;
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                count++;
                inString = c == '"';
            }
        }

        return count;
    }
}
