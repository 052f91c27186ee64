using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace IdentityCenter.Infrastructure.Tests.Configuration;

/// <summary>The public URL, proxy and rate limit settings: each bad value is reported with what to write instead.</summary>
public sealed class HttpEdgeOptionsValidatorTests : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("ic-config-edge-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    private IReadOnlyList<string> Problems(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return IdentityCenterOptionsValidator.FindProblems(configuration, _root);
    }

    [Fact]
    public void FindProblems_GoodProxySettings_None()
    {
        var problems = Problems(
            ("IdentityCenter:PublicUrl", "https://iam.example.com"),
            ("IdentityCenter:Proxy:KnownProxies", "10.0.0.5, 10.0.0.6"),
            ("IdentityCenter:Proxy:KnownNetworks", "10.0.0.0/8,fd00::/8"),
            ("IdentityCenter:RateLimits:SignIn:PermitLimit", "10"),
            ("IdentityCenter:RateLimits:SignIn:Window", "00:05:00"));

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("iam.example.com")]
    [InlineData("https://iam.example.com/identity")]
    [InlineData("https://iam.example.com/?x=1")]
    [InlineData("ftp://iam.example.com")]
    public void FindProblems_PublicUrlNotAnOrigin_AsksForSchemeAndHost(string value)
    {
        var problem = Assert.Single(Problems(("IdentityCenter:PublicUrl", value)));

        Assert.StartsWith("IdentityCenter:PublicUrl:", problem, StringComparison.Ordinal);
        Assert.Contains("https://iam.example.com", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_BadProxyEntries_EachNamed()
    {
        var problems = Problems(("IdentityCenter:Proxy:KnownProxies", "10.0.0.5,proxy.local"), ("IdentityCenter:Proxy:KnownNetworks", "10.0.0.0/33"));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:Proxy:KnownProxies: 'proxy.local'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:Proxy:KnownNetworks: '10.0.0.0/33'", StringComparison.Ordinal));
    }

    [Fact]
    public void FindProblems_ZeroRateLimits_EachNamed()
    {
        var problems = Problems(("IdentityCenter:RateLimits:SignIn:PermitLimit", "0"), ("IdentityCenter:RateLimits:Authorize:Window", "00:00:00"));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:RateLimits:SignIn:PermitLimit", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:RateLimits:Authorize:Window", StringComparison.Ordinal));
    }

    [Fact]
    public void FindProblems_UnknownRateLimitKey_ListsThePolicies()
    {
        var problem = Assert.Single(Problems(("IdentityCenter:RateLimits:Login:PermitLimit", "5")));

        Assert.Contains("IdentityCenter:RateLimits:Login: unknown setting", problem, StringComparison.Ordinal);
        Assert.Contains("SignIn", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseKnownNetworks_Configured_ParsesEach()
    {
        var proxy = new ProxyOptions { KnownNetworks = "10.0.0.0/8; 192.168.1.0/24" };

        Assert.Equal(["10.0.0.0/8", "192.168.1.0/24"], proxy.ParseKnownNetworks().Select(n => n.ToString()));
    }
}
