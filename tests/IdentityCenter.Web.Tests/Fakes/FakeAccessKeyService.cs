using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.UserAccessKeys;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Users' access keys in memory, for pages that show them (the real service is tested on SQLite and PostgreSQL).</summary>
public sealed class FakeAccessKeyService : IAccessKeyService
{
    public Dictionary<string, List<AccessKeyInfo>> Keys { get; } = [];

    public Task<IReadOnlyList<AccessKeyInfo>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AccessKeyInfo>>(Keys.TryGetValue(userId, out var list) ? list.ToList() : []);

    public Task<OperationResult<CreatedAccessKey>> CreateAsync(string userId, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(OperationResult.Forbidden("The fake does not create keys.").As<CreatedAccessKey>());

    public Task<OperationResult> SetStatusAsync(string userId, string accessKeyId, AccessKeyStatus status, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(OperationResult.Forbidden("The fake does not change keys."));

    public Task<OperationResult> DeleteAsync(string userId, string accessKeyId, Actor actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(OperationResult.Forbidden("The fake does not delete keys."));
}
