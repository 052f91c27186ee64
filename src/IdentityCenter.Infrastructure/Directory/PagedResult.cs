namespace IdentityCenter.Infrastructure.Directory;

/// <summary>One page of a server-side paged list; <see cref="TotalCount"/> counts every match (for the pager).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int PageIndex, int PageSize);
