using IdentityCenter.Web.Components.Pages.Portal;

namespace IdentityCenter.Web.Tests.Components.Pages.Portal;

public sealed class PortalShortcutTests
{
    [Fact]
    public void TryParse_AwsShortcutFragment_ConsolePathKeepsAccountRoleAndDestination()
    {
        var ok = PortalShortcut.TryParse("#/console?account_id=111122223333&role_name=S3Reader&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome", out var shortcut);

        Assert.True(ok);
        Assert.Equal(new PortalShortcut("111122223333", "S3Reader", "https://console.aws.amazon.com/s3/home"), shortcut);
        Assert.Equal("/start/console?account_id=111122223333&role_name=S3Reader&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome", shortcut.ConsolePath);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#/applications")]
    [InlineData("#/console")]
    [InlineData("#/console?account_id=111122223333")]
    public void TryParse_NotAShortcut_False(string? fragment) => Assert.False(PortalShortcut.TryParse(fragment, out _));

    [Fact]
    public void ShortcutLink_RoundTripsThroughTryParse()
    {
        var link = PortalShortcut.ShortcutLink("111122223333", "Admin", "/ec2/home");

        Assert.StartsWith("/start/#/console?", link, StringComparison.Ordinal);
        Assert.True(PortalShortcut.TryParse(link[link.IndexOf('#', StringComparison.Ordinal)..], out var parsed));
        Assert.Equal(new PortalShortcut("111122223333", "Admin", "/ec2/home"), parsed);
    }

    [Theory]
    [InlineData("https://console.aws.amazon.com/ec2/home?region=us-east-1", "https://console.aws.amazon.com/s3/home", "/ec2/home?region=us-east-1")]
    [InlineData(null, "https://console.aws.amazon.com/s3/home", "/s3/home")]
    [InlineData(null, null, ConsoleLanding.Home)]
    [InlineData("dynamodb/home", null, "/dynamodb/home")]
    public void ConsoleLanding_Precedence_DestinationThenRelayStateThenHome(string? destination, string? relayState, string expected) =>
        Assert.Equal(expected, ConsoleLanding.Resolve(destination, relayState));
}
