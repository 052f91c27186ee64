namespace IdentityCenter.Core.Assignments;

/// <summary>
/// The effective-access matrix: users (direct + through groups) or groups (their own assignments)
/// by accounts, cells listing permission sets. Rows are taken in the order the principals are given.
/// </summary>
public static class EffectiveAccessMatrix
{
    public static MatrixPage Build(
        AssignmentIndex index,
        IEnumerable<MatrixPrincipal> principals,
        IReadOnlyDictionary<string, string> permissionSetNames,
        MatrixQuery query)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(principals);
        ArgumentNullException.ThrowIfNull(permissionSetNames);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Take);

        var accountFilter = query.AccountIds is null ? null : new HashSet<string>(query.AccountIds, StringComparer.Ordinal);
        var permissionSetFilter = query.PermissionSetIds is null ? null : new HashSet<string>(query.PermissionSetIds, StringComparer.Ordinal);
        var search = string.IsNullOrWhiteSpace(query.PrincipalSearch) ? null : query.PrincipalSearch.Trim();

        var userFilter = query.RowType == PrincipalType.User ? index.CreateFilter(query.AccountIds, query.PermissionSetIds) : null;
        var rows = new List<MatrixRow>(Math.Min(query.Take, 256));
        var columns = new SortedSet<string>(StringComparer.Ordinal);
        var total = 0;
        foreach (var principal in principals)
        {
            if (search is not null
                && !principal.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                && !principal.Id.Contains(search, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var onPage = total >= query.Skip && total < query.Skip + query.Take;
            if (!onPage && (!query.OnlyWithAccess || userFilter is not null))
            {
                // Rows off the page are only counted: no result lists are built for them.
                if (!query.OnlyWithAccess || index.HasAnyAccess(principal.Id, userFilter))
                {
                    total++;
                }

                continue;
            }

            var grants = query.RowType == PrincipalType.User
                ? index.ResolveUser(principal.Id)
                : ToEffective(index.GetAssignmentsForPrincipal(PrincipalType.Group, principal.Id));
            Dictionary<string, IReadOnlyList<MatrixCellEntry>>? cells = null;
            foreach (var g in grants)
            {
                if ((accountFilter is not null && !accountFilter.Contains(g.AccountId))
                    || (permissionSetFilter is not null && !permissionSetFilter.Contains(g.PermissionSetId)))
                {
                    continue;
                }

                cells ??= new Dictionary<string, IReadOnlyList<MatrixCellEntry>>(StringComparer.Ordinal);
                if (!cells.TryGetValue(g.AccountId, out var list))
                {
                    cells[g.AccountId] = list = new List<MatrixCellEntry>(2);
                }

                ((List<MatrixCellEntry>)list).Add(new MatrixCellEntry(
                    g.PermissionSetId, permissionSetNames.GetValueOrDefault(g.PermissionSetId) ?? g.PermissionSetId, g.IsDirect, g.ViaGroupIds));
            }

            if (query.OnlyWithAccess && cells is null)
            {
                continue;
            }

            if (total >= query.Skip && total < query.Skip + query.Take)
            {
                cells ??= [];
                foreach (var list in cells.Values)
                {
                    ((List<MatrixCellEntry>)list).Sort(static (a, b) => string.Compare(a.PermissionSetName, b.PermissionSetName, StringComparison.OrdinalIgnoreCase));
                }

                columns.UnionWith(cells.Keys);
                rows.Add(new MatrixRow(principal.Id, principal.Name, cells));
            }

            total++;
        }

        IReadOnlyList<string> accountColumns = accountFilter is not null
            ? query.AccountIds!.Distinct(StringComparer.Ordinal).ToList()
            : columns.ToList();
        return new MatrixPage(accountColumns, rows, total);
    }

    private static List<EffectiveAssignment> ToEffective(IReadOnlyList<AccountAssignment> assignments) =>
        assignments.Select(a => new EffectiveAssignment(a.AccountId, a.PermissionSetId, IsDirect: true, [])).ToList();
}
