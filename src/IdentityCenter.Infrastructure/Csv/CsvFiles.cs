using System.Buffers;
using CsvHelper;

namespace IdentityCenter.Infrastructure.Csv;

/// <summary>One record read from a CSV file, with the line it starts on (1-based, counting every physical line).</summary>
public sealed record CsvLine(int LineNumber, IReadOnlyList<string> Fields);

/// <summary>A line whose quoting is broken, with what to do about it.</summary>
public sealed record CsvProblem(int LineNumber, string Message);

/// <summary>The records of a CSV file, and the lines that could not be read (those are left out of the records).</summary>
public sealed record CsvContent(IReadOnlyList<CsvLine> Records, IReadOnlyList<CsvProblem> Problems);

/// <summary>
/// Every CSV file IdentityCenter reads or writes goes through here, on CsvHelper, so the rules are set once:
/// <list type="bullet">
/// <item>Written files are RFC 4180 (comma separated, CRLF, UTF-8 without a byte order mark). A field is quoted
/// when it holds a comma, a semicolon, a tab, a double quote or a line break, so that spreadsheets that split
/// on <c>;</c> or tab (common outside English locales) still see one value.</item>
/// <item>A text field that starts with <c>= + - @</c>, a tab or a carriage return is written with a leading
/// apostrophe, since a spreadsheet would run it as a formula (CSV injection). This covers every file the app
/// writes: the audit export, the credential report and the import's one-time passwords.</item>
/// <item>Read files are RFC 4180 with a comma separator; records keep the line they start on, and broken quoting
/// is reported per line instead of being guessed at.</item>
/// </list>
/// </summary>
public static class CsvFiles
{
    /// <summary>The content type of a CSV download.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly SearchValues<char> QuotedToo = SearchValues.Create(";\t");

    public static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default with
    {
        Separator = ',',
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        ShouldQuote = static (field, _, _, _) => field.IndexOfAny(QuotedToo) >= 0,
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = false,
    };

    /// <summary>A writer for a file download (the stream stays open). A null field is written empty.</summary>
    public static CsvWriter CreateWriter(Stream output) => CsvWriter.Create(output, WriterOptions, leaveOpen: true);

    /// <summary>Writes a whole file to a download stream (the stream stays open).</summary>
    public static async Task WriteAllAsync(Stream output, IEnumerable<IEnumerable<string?>> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var writer = CreateWriter(output);
        foreach (var record in records)
        {
            foreach (var field in record)
            {
                writer.WriteField(field);
            }

            await writer.EndRecordAsync(cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>A whole small file as text (for a download built in the browser, such as a data URL).</summary>
    public static string ToText(IEnumerable<IEnumerable<string?>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, WriterOptions, leaveOpen: true))
        {
            foreach (var record in records)
            {
                foreach (var field in record)
                {
                    writer.WriteField(field);
                }

                writer.EndRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a whole file: every record with its starting line (empty lines are skipped), and every line whose
    /// quoting is broken (such records are left out). No header handling: the first record is the header, if any.
    /// </summary>
    public static CsvContent Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<CsvProblem>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            DetectSeparatorHint = false,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = record => problems.Add(new CsvProblem((int)record.LineNumber, Describe(record.Reason))),
        };

        var records = new List<CsvLine>();
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
        {
            records.Add(new CsvLine((int)reader.LineNumber, reader.Current.ToArray()));
        }

        return new CsvContent(records, problems);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "A double quote appears inside an unquoted value. Put the whole value in double quotes and double the quote (\"\").",
        CsvMalformedReason.TextAfterClosingQuote => "Text follows a closing double quote. Put the whole value in double quotes.",
        CsvMalformedReason.UnterminatedQuote => "A quoted value is not closed: a double quote is missing before the end of the file.",
        _ => "The line's quoting is not valid CSV. Put values that hold commas, quotes or line breaks in double quotes.",
    };
}
