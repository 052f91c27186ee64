using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Tests.PermissionSets;

public sealed class SessionDurationTests
{
    [Theory]
    [InlineData("PT1H", 60)]
    [InlineData("PT4H", 240)]
    [InlineData("PT12H", 720)]
    [InlineData("PT1H30M", 90)]
    [InlineData("PT90M", 90)]
    [InlineData("pt2h", 120)]
    [InlineData("PT3600S", 60)]
    public void TryParse_InRange_ReturnsDuration(string text, int minutes)
    {
        Assert.True(SessionDuration.TryParse(text, out var duration, out var error));
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData("PT30M")]
    [InlineData("PT13H")]
    [InlineData("P1D")]
    [InlineData("PT12H1S")]
    public void TryParse_OutOfRange_MessageQuotesRange(string text)
    {
        Assert.False(SessionDuration.TryParse(text, out _, out var error));
        Assert.Contains("PT1H", error!.Message, StringComparison.Ordinal);
        Assert.Contains("PT12H", error.Message, StringComparison.Ordinal);
        Assert.Equal("SessionDuration", error.Field);
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("P1M")]
    [InlineData("PT1.5H")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotIsoDuration_ErrorShowsExamples(string? text)
    {
        Assert.False(SessionDuration.TryParse(text, out _, out var error));
        Assert.Contains("ISO-8601", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void TryParseOrDefault_Empty_IsOneHour(string? text)
    {
        Assert.True(SessionDuration.TryParseOrDefault(text, out var duration, out _));
        Assert.Equal(TimeSpan.FromHours(1), duration);
        Assert.Equal("PT1H", SessionDuration.Format(SessionDuration.Default));
    }

    [Theory]
    [InlineData(60, "PT1H")]
    [InlineData(90, "PT1H30M")]
    [InlineData(720, "PT12H")]
    [InlineData(0, "PT0S")]
    public void Format_Durations_IsoText(int minutes, string expected) =>
        Assert.Equal(expected, SessionDuration.Format(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var duration = TimeSpan.FromHours(4) + TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30);

        Assert.True(SessionDuration.TryParse(SessionDuration.Format(duration), out var parsed, out _));
        Assert.Equal(duration, parsed);
    }
}
