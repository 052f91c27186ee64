using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Infrastructure.Tests.Directory;

public sealed class UserCsvParserTests
{
    [Fact]
    public void Parse_ValidFile_ReturnsRowsWithLineNumbers()
    {
        const string csv = "UserName,DisplayName,GivenName,FamilyName,Email\nalice,Alice Smith,Alice,Smith,alice@example.com\nbob,Bob,,,\n";

        var result = UserCsvParser.Parse(csv);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal(2, result.Rows[0].LineNumber);
        Assert.Equal("alice", result.Rows[0].UserName);
        Assert.Equal(new UserProfile("Alice Smith", "Alice", "Smith", "alice@example.com"), result.Rows[0].Profile);
        Assert.Equal(3, result.Rows[1].LineNumber);
        Assert.Equal(new UserProfile("Bob", null, null, null), result.Rows[1].Profile);
    }

    [Fact]
    public void Parse_HeaderInAnyOrderAndCase_WithCrLfAndBom_IsRead()
    {
        const string csv = "\uFEFFemail,displayname,USERNAME\r\ncarol@example.com,Carol,carol\r\n";

        var row = Assert.Single(UserCsvParser.Parse(csv).Rows);

        Assert.Equal("carol", row.UserName);
        Assert.Equal("carol@example.com", row.Profile.Email);
    }

    [Fact]
    public void Parse_QuotedFieldsWithCommasQuotesAndNewlines_AreUnescaped()
    {
        const string csv = "UserName,DisplayName\n\"dave\",\"Dave \"\"The Rave\"\", Jr.\"\n";

        var row = Assert.Single(UserCsvParser.Parse(csv).Rows);

        Assert.Equal("Dave \"The Rave\", Jr.", row.Profile.DisplayName);
    }

    [Fact]
    public void Parse_LineNumbersCountPhysicalLinesAfterMultilineField()
    {
        const string csv = "UserName,DisplayName\n\"a\",\"two\nlines\"\nb c,\"Bee\"\n";

        var result = UserCsvParser.Parse(csv);

        Assert.Equal([(2, "DisplayName"), (4, "UserName")], result.Errors.Select(e => (e.LineNumber, e.Field)));
    }

    [Fact]
    public void Parse_SeveralBadRows_ReportsEachWithItsLineAndNoRows()
    {
        const string csv = "UserName,DisplayName,Email\nalice,Alice,alice@example.com\n,NoName,\nAdministrator,Admin,\nbob,,bob@\n";

        var result = UserCsvParser.Parse(csv);

        Assert.False(result.IsValid);
        Assert.Empty(result.Rows);
        Assert.Equal([3, 4, 5, 5], result.Errors.Select(e => e.LineNumber));
        Assert.Equal(["UserName", "UserName", "DisplayName", "Email"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Parse_DuplicateUserNamesIgnoringCase_ReportsTheLaterLine()
    {
        const string csv = "UserName,DisplayName\nalice,A\nALICE,B\n";

        var error = Assert.Single(UserCsvParser.Parse(csv).Errors);

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingRequiredColumnAndUnknownColumn_ReportsHeaderProblems()
    {
        const string csv = "UserName,Nickname\nalice,Al\n";

        var result = UserCsvParser.Parse(csv);

        Assert.All(result.Errors, e => Assert.Equal(1, e.LineNumber));
        Assert.Contains(result.Errors, e => e.Message.Contains("Unknown column 'Nickname'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("'DisplayName'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WrongNumberOfValues_ReportsLine()
    {
        const string csv = "UserName,DisplayName\nalice,Alice,extra\n";

        var error = Assert.Single(UserCsvParser.Parse(csv).Errors);

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("3 values", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void Parse_EmptyFile_SaysSo(string csv) =>
        Assert.Contains("empty", Assert.Single(UserCsvParser.Parse(csv).Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_HeaderOnly_SaysNoUsers() =>
        Assert.Contains("no users", Assert.Single(UserCsvParser.Parse("UserName,DisplayName\n").Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_UnclosedQuote_ReportsLineWhereRecordStarts()
    {
        const string csv = "UserName,DisplayName\nalice,\"Alice\nbob,Bob\n";

        var error = Assert.Single(UserCsvParser.Parse(csv).Errors);

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("not closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlankLinesBetweenRows_AreIgnored()
    {
        const string csv = "UserName,DisplayName\n\nalice,Alice\n\n";

        var row = Assert.Single(UserCsvParser.Parse(csv).Rows);

        Assert.Equal(3, row.LineNumber);
    }
}
