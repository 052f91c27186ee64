using IdentityCenter.Infrastructure.Audit;

namespace IdentityCenter.Infrastructure.Tests.Audit;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"//evil.example/x\")", "\"'=HYPERLINK(\"\"//evil.example/x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Escape_Value_QuotesAndDefusesFormulas(string value, string expected) =>
        Assert.Equal(expected, CsvField.Escape(value));
}
