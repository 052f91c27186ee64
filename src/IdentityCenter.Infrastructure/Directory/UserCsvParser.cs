using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Csv;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>One user read from an import file, with the line it started on.</summary>
public sealed record UserCsvRow(int LineNumber, string UserName, UserProfile Profile);

/// <summary>A problem with one line of an import file (line 1 is the header).</summary>
public sealed record CsvLineError(int LineNumber, string Field, string Message)
{
    public override string ToString() => LineNumber > 0 ? $"Line {LineNumber}: {Message}" : Message;
}

/// <summary>The parsed file: rows when every line is valid, otherwise every error found (nothing is importable then).</summary>
public sealed record UserCsvParseResult(IReadOnlyList<UserCsvRow> Rows, IReadOnlyList<CsvLineError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads a user import file (RFC 4180 CSV, comma separated, optional double quotes; read by <see cref="CsvFiles"/>).
/// The first line is a header naming the columns, in any order and case: <c>UserName</c> and <c>DisplayName</c> are
/// required; <c>GivenName</c>, <c>FamilyName</c> and <c>Email</c> are optional. Every row is checked
/// with <see cref="DirectoryNames"/> and duplicates inside the file are reported, so the caller can
/// show all problems at once and import nothing until the whole file is valid.
/// </summary>
public static class UserCsvParser
{
    public const int MaxRows = 10_000;

    public static IReadOnlyList<string> RequiredColumns { get; } = ["UserName", "DisplayName"];

    public static IReadOnlyList<string> KnownColumns { get; } = ["UserName", "DisplayName", "GivenName", "FamilyName", "Email"];

    public static UserCsvParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = CsvFiles.Read(text);
        if (content.Problems.Count > 0)
        {
            return new([], content.Problems.Select(p => new CsvLineError(p.LineNumber, "", p.Message)).ToList());
        }

        var errors = new List<CsvLineError>();
        var rows = new List<UserCsvRow>();
        var records = content.Records;
        var nonEmpty = records.Where(r => !(r.Fields.Count == 1 && r.Fields[0].Length == 0)).ToList();
        if (nonEmpty.Count == 0)
        {
            return new([], [new CsvLineError(0, "", $"The file is empty. The first line must be a header such as: {string.Join(",", KnownColumns)}")]);
        }

        var header = nonEmpty[0];
        if (header.Fields.Count == 1 && header.Fields[0].IndexOfAny([';', '\t']) >= 0)
        {
            var separator = header.Fields[0].Contains(';', StringComparison.Ordinal) ? "semicolons" : "tabs";
            return new([], [new CsvLineError(header.LineNumber, "", $"The values are separated by {separator}. Save the file as comma-separated CSV (UTF-8), with a header such as: {string.Join(",", KnownColumns)}")]);
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().TrimStart('\uFEFF');
            var known = KnownColumns.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                errors.Add(new(header.LineNumber, "", $"Unknown column '{name}'. Known columns: {string.Join(", ", KnownColumns)}."));
            }
            else if (!columns.TryAdd(known, i))
            {
                errors.Add(new(header.LineNumber, "", $"The column '{known}' appears twice in the header."));
            }
        }

        foreach (var required in RequiredColumns.Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(new(header.LineNumber, "", $"The header has no '{required}' column; it is required."));
        }

        if (errors.Count > 0)
        {
            return new([], errors);
        }

        if (nonEmpty.Count - 1 > MaxRows)
        {
            return new([], [new CsvLineError(0, "", $"The file has {nonEmpty.Count - 1} users; import at most {MaxRows} at a time.")]);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in nonEmpty.Skip(1))
        {
            if (record.Fields.Count != header.Fields.Count)
            {
                errors.Add(new(record.LineNumber, "", $"The line has {record.Fields.Count} values but the header has {header.Fields.Count} columns."));
                continue;
            }

            string? Get(string column) => columns.TryGetValue(column, out var index) ? NullIfEmpty(record.Fields[index].Trim()) : null;
            var userName = Get("UserName") ?? "";
            var profile = new UserProfile(Get("DisplayName") ?? "", Get("GivenName"), Get("FamilyName"), Get("Email"));
            var rowErrors = DirectoryNames.ValidateUserName(userName).Concat(DirectoryNames.ValidateProfile(profile)).ToList();
            foreach (var error in rowErrors)
            {
                errors.Add(new(record.LineNumber, error.Field, error.Message));
            }

            if (userName.Length > 0)
            {
                var key = DirectoryNames.Normalize(userName);
                if (seen.TryGetValue(key, out var firstLine))
                {
                    errors.Add(new(record.LineNumber, "UserName", $"The user name '{userName}' already appears on line {firstLine}."));
                }
                else
                {
                    seen[key] = record.LineNumber;
                }
            }

            if (rowErrors.Count == 0)
            {
                rows.Add(new(record.LineNumber, userName, profile));
            }
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new(0, "", "The file has a header but no users."));
        }

        return errors.Count > 0 ? new([], errors) : new(rows, []);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
