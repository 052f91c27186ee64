using IdentityCenter.Web.Components.Pages.Portal;

namespace IdentityCenter.Web.Tests.Components.Pages.Portal;

public sealed class CliConfigurationTests
{
    private const string Base = "https://ic.example.com/";

    private static readonly CliProfile[] Profiles =
    [
        new("222222222222", "Sandbox", "ReadOnly"),
        new("111111111111", "Prod Web", "AdministratorAccess"),
        new("222222222222", "Sandbox", "AdministratorAccess"),
    ];

    [Fact]
    public void ConfigFile_SessionProfilesAndServicesSection()
    {
        var text = CliConfiguration.ConfigFile(Base, "eu-west-1", CliConfiguration.Sort(Profiles));

        Assert.StartsWith("[sso-session identitycenter]\nsso_start_url = https://ic.example.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n", text, StringComparison.Ordinal);
        Assert.Contains("[profile AdministratorAccess-111111111111]\nsso_session = identitycenter\nsso_account_id = 111111111111\nsso_role_name = AdministratorAccess\nregion = eu-west-1\nservices = identitycenter\ns3 =\n  addressing_style = path", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("AdministratorAccess-111111111111", StringComparison.Ordinal) < text.IndexOf("AdministratorAccess-222222222222", StringComparison.Ordinal), "sorted by account name");
        Assert.True(text.IndexOf("AdministratorAccess-222222222222", StringComparison.Ordinal) < text.IndexOf("ReadOnly-222222222222", StringComparison.Ordinal), "then by role");
        Assert.EndsWith("[services identitycenter]\nsso =\n  endpoint_url = https://ic.example.com/aws/sso\nsso_oidc =\n  endpoint_url = https://ic.example.com/aws/oidc\nsts =\n  endpoint_url = https://ic.example.com/aws/sts\nidentitystore =\n  endpoint_url = https://ic.example.com/aws/identitystore\nsso_admin =\n  endpoint_url = https://ic.example.com/aws/sso-admin\norganizations =\n  endpoint_url = https://ic.example.com/aws/organizations\ns3 =\n  endpoint_url = https://ic.example.com/aws/s3", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CredentialShell.Posix, "export AWS_ENDPOINT_URL_SSO=\"https://ic.example.com/aws/sso\"\nexport AWS_ENDPOINT_URL_SSO_OIDC=\"https://ic.example.com/aws/oidc\"\nexport AWS_ENDPOINT_URL_STS=\"https://ic.example.com/aws/sts\"\nexport AWS_ENDPOINT_URL_IDENTITYSTORE=\"https://ic.example.com/aws/identitystore\"\nexport AWS_ENDPOINT_URL_SSO_ADMIN=\"https://ic.example.com/aws/sso-admin\"\nexport AWS_ENDPOINT_URL_ORGANIZATIONS=\"https://ic.example.com/aws/organizations\"\nexport AWS_ENDPOINT_URL_S3=\"https://ic.example.com/aws/s3\"")]
    [InlineData(CredentialShell.WindowsCmd, "set AWS_ENDPOINT_URL_SSO=https://ic.example.com/aws/sso\nset AWS_ENDPOINT_URL_SSO_OIDC=https://ic.example.com/aws/oidc\nset AWS_ENDPOINT_URL_STS=https://ic.example.com/aws/sts\nset AWS_ENDPOINT_URL_IDENTITYSTORE=https://ic.example.com/aws/identitystore\nset AWS_ENDPOINT_URL_SSO_ADMIN=https://ic.example.com/aws/sso-admin\nset AWS_ENDPOINT_URL_ORGANIZATIONS=https://ic.example.com/aws/organizations\nset AWS_ENDPOINT_URL_S3=https://ic.example.com/aws/s3")]
    [InlineData(CredentialShell.PowerShell, "$Env:AWS_ENDPOINT_URL_SSO=\"https://ic.example.com/aws/sso\"\n$Env:AWS_ENDPOINT_URL_SSO_OIDC=\"https://ic.example.com/aws/oidc\"\n$Env:AWS_ENDPOINT_URL_STS=\"https://ic.example.com/aws/sts\"\n$Env:AWS_ENDPOINT_URL_IDENTITYSTORE=\"https://ic.example.com/aws/identitystore\"\n$Env:AWS_ENDPOINT_URL_SSO_ADMIN=\"https://ic.example.com/aws/sso-admin\"\n$Env:AWS_ENDPOINT_URL_ORGANIZATIONS=\"https://ic.example.com/aws/organizations\"\n$Env:AWS_ENDPOINT_URL_S3=\"https://ic.example.com/aws/s3\"")]
    public void EnvironmentVariables_PerShell(CredentialShell shell, string expected) =>
        Assert.Equal(expected, CliConfiguration.EnvironmentVariables(shell, Base));

    [Fact]
    public void NextCommands_LoginWithTheFirstProfile()
    {
        var commands = CliConfiguration.NextCommands(CliConfiguration.Sort(Profiles)[0]);

        Assert.StartsWith("aws sso login --profile AdministratorAccess-111111111111\n", commands, StringComparison.Ordinal);
        Assert.Contains("aws sso logout", commands, StringComparison.Ordinal);
        Assert.Contains("--endpoint-url https://ic.example.com/aws/sso", CliConfiguration.OldCliCommands(Base, null), StringComparison.Ordinal);
    }
}
