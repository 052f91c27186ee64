using IdentityCenter.Core.Assignments;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>What people can do: per user (accounts, roles, policy documents) and the users/groups × accounts matrix.</summary>
public interface IEffectiveAccessService
{
    /// <summary>Null when the user does not exist. Accounts and roles ordered by name.</summary>
    Task<UserEffectiveAccess?> GetUserAccessAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Rows are users (by user name) or groups (by display name) per <see cref="MatrixQuery.RowType"/>, with filters and paging.</summary>
    Task<AccessMatrixResult> GetMatrixAsync(MatrixQuery query, CancellationToken cancellationToken = default);
}
