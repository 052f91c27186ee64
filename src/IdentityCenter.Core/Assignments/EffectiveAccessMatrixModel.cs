namespace IdentityCenter.Core.Assignments;

/// <summary>A principal shown as a matrix row.</summary>
public sealed record MatrixPrincipal(string Id, string Name);

/// <summary>One permission set in one cell, marked as in <see cref="EffectiveAssignment"/>.</summary>
public sealed record MatrixCellEntry(string PermissionSetId, string PermissionSetName, bool IsDirect, IReadOnlyList<string> ViaGroupIds);

/// <summary>A row: the principal and, per account id with access, the permission sets (ordered by name).</summary>
public sealed record MatrixRow(string PrincipalId, string PrincipalName, IReadOnlyDictionary<string, IReadOnlyList<MatrixCellEntry>> Cells);

/// <summary>Filters and paging for the matrix; null filters mean "all".</summary>
public sealed record MatrixQuery
{
    public PrincipalType RowType { get; init; } = PrincipalType.User;

    /// <summary>Columns to show; null shows every account that has any access in the result.</summary>
    public IReadOnlyCollection<string>? AccountIds { get; init; }

    public IReadOnlyCollection<string>? PermissionSetIds { get; init; }

    /// <summary>Case-insensitive substring of the principal's name or id.</summary>
    public string? PrincipalSearch { get; init; }

    /// <summary>Hide rows without any access after the filters (default true).</summary>
    public bool OnlyWithAccess { get; init; } = true;

    public int Skip { get; init; }

    public int Take { get; init; } = 50;
}

/// <summary>One page of the matrix with the total number of matching rows.</summary>
public sealed record MatrixPage(IReadOnlyList<string> AccountIds, IReadOnlyList<MatrixRow> Rows, int TotalRows);
