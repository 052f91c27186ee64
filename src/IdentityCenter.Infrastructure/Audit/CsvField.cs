namespace IdentityCenter.Infrastructure.Audit;

/// <summary>One CSV field for files administrators open in spreadsheets (audit export, credential report).</summary>
public static class CsvField
{
    /// <summary>
    /// Quotes the value when needed, and defuses a leading <c>= + - @</c>, tab or carriage return with a
    /// quote mark, since spreadsheet software would run such a value as a formula (CSV injection).
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
