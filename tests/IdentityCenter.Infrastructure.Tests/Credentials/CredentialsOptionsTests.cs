using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.Extensions.Configuration;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

public sealed class CredentialsOptionsTests
{
    [Fact]
    public void ConfigurationShape_CredentialsSection_KnownAndTyped()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdentityCenter:Credentials:KeyRotationInterval"] = "12:00:00",
            ["IdentityCenter:Credentials:MaintenanceInterval"] = "00:00:02",
        }).Build();

        var problems = ConfigurationShape.FindProblems(config.GetSection(IdentityCenterOptions.SectionName), typeof(IdentityCenterOptions));
        var bound = config.GetSection(CredentialsOptions.SectionName).Get<CredentialsOptions>()!;

        Assert.Empty(problems);
        Assert.Equal(TimeSpan.FromHours(12), bound.KeyRotationInterval);
    }

    [Fact]
    public void ConfigurationShape_UnknownCredentialsKey_Reported()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdentityCenter:Credentials:KeyRotation"] = "1",
        }).Build();

        var problems = ConfigurationShape.FindProblems(config.GetSection(IdentityCenterOptions.SectionName), typeof(IdentityCenterOptions));

        Assert.Contains(problems, p => p.RelativePath.Contains("KeyRotation", StringComparison.Ordinal));
    }
}
