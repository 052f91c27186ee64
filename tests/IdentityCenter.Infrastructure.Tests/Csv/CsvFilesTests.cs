using System.Text;
using IdentityCenter.Infrastructure.Csv;

namespace IdentityCenter.Infrastructure.Tests.Csv;

public sealed class CsvFilesTests
{
    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("a\tb", "\"a\tb\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void ToText_FieldWithDelimiterQuoteOrNewline_IsQuoted(string value, string expected) =>
        Assert.Equal($"x,{expected}\r\n", CsvFiles.ToText([["x", value]]));

    [Theory]
    [InlineData("=HYPERLINK(\"//evil.example/x\")", "\"'=HYPERLINK(\"\"//evil.example/x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("a=b", "a=b")]
    public void ToText_FieldStartingLikeAFormula_IsDefused(string value, string expected) =>
        Assert.Equal($"{expected}\r\n", CsvFiles.ToText([[value]]));

    [Fact]
    public async Task WriteAllAsync_ThenRead_GivesTheSameValuesBack()
    {
        string[][] records = [["name", "note"], ["dave", "Dave \"The Rave\", Jr.;\tsecond\r\nline"], ["eve", ""]];
        using var stream = new MemoryStream();

        await CsvFiles.WriteAllAsync(stream, records);
        var content = CsvFiles.Read(Encoding.UTF8.GetString(stream.ToArray()));

        Assert.Empty(content.Problems);
        Assert.Equal(records, content.Records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 2, 4], content.Records.Select(r => r.LineNumber));
        Assert.False(stream.ToArray().AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
    }

    [Fact]
    public void Read_BrokenQuoting_ReportsEachLineAndLeavesThoseRecordsOut()
    {
        const string csv = "a,b\nbad\"quote,x\nok,1\n\"closed\"then,y\nfine,2\nlast,\"never closed\nmore\n";

        var content = CsvFiles.Read(csv);

        Assert.Equal([2, 4, 6], content.Problems.Select(p => p.LineNumber));
        Assert.Contains("inside an unquoted value", content.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("follows a closing double quote", content.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("not closed", content.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal(["a", "ok", "fine"], content.Records.Select(r => r.Fields[0]));
    }
}
