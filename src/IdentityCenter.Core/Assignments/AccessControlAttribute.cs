using System.Diagnostics.CodeAnalysis;

namespace IdentityCenter.Core.Assignments;

/// <summary>
/// One instance access control attribute (ABAC): session tag <see cref="Key"/> takes its value from the
/// user attribute named by <see cref="Source"/>, written <c>${path:enterprise.department}</c>.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "AWS's own name for the concept (AccessControlAttribute in the sso-admin API).")]
public sealed record AccessControlAttribute(string Key, string Source);
