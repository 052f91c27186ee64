using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.UserAccessKeys;

/// <summary>
/// Long-term access keys of directory users (at most two each, as in IAM): create (the secret is returned
/// once), make active or inactive, delete, list. Every change is audited with who and from where
/// (CreateAccessKey, UpdateAccessKey, DeleteAccessKey; event source iam.amazonaws.com) in the transaction
/// that makes it, and takes effect for signature verification at once on this instance and within a
/// maintenance tick on the others. Who may call these is the caller's decision (admin pages, the APIs).
/// </summary>
public interface IAccessKeyService
{
    /// <summary>The user's keys, oldest first (key 1 then key 2, as the credential report numbers them).</summary>
    Task<IReadOnlyList<AccessKeyInfo>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>A new Active key; Conflict when the user already has two, NotFound when the user does not exist.</summary>
    Task<OperationResult<CreatedAccessKey>> CreateAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Makes the key Active or Inactive (an Inactive key is refused at once). No change, no event.</summary>
    Task<OperationResult> SetStatusAsync(string userId, string accessKeyId, AccessKeyStatus status, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the key for good.</summary>
    Task<OperationResult> DeleteAsync(string userId, string accessKeyId, Actor actor, CancellationToken cancellationToken = default);
}
