using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Tests.Organizations;

namespace IdentityCenter.Core.Tests.PermissionSets;

public sealed class PermissionSetNamingTests
{
    [Fact]
    public void RoleArn_ForPermissionSet_UsesReservedPathAndName()
    {
        var roleName = PermissionSetNaming.RoleName("ReadOnly", "0123456789abcdef");

        var arn = PermissionSetNaming.RoleArn("111122223333", "eu-west-1", roleName);

        Assert.Equal("AWSReservedSSO_ReadOnly_0123456789abcdef", roleName);
        Assert.Equal("/aws-reserved/sso.amazonaws.com/eu-west-1/", PermissionSetNaming.RolePath("eu-west-1"));
        Assert.Equal("arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef", arn);
    }

    [Fact]
    public void AssumedRoleArn_OmitsPathAndEndsWithUserName() =>
        Assert.Equal(
            "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice@example.com",
            PermissionSetNaming.AssumedRoleArn("111122223333", "AWSReservedSSO_ReadOnly_0123456789abcdef", "alice@example.com"));

    [Fact]
    public void PermissionSetArn_AndInstanceArn_FollowSsoFormat()
    {
        Assert.Equal("arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-fedcba9876543210",
            PermissionSetNaming.PermissionSetArn("ssoins-0123456789abcdef", "ps-fedcba9876543210"));
        Assert.Equal("arn:aws:sso:::instance/ssoins-0123456789abcdef", PermissionSetNaming.InstanceArn("ssoins-0123456789abcdef"));
    }

    [Fact]
    public void NewIds_AreSixteenHex()
    {
        var random = new SeededRandomSource(5);

        var suffix = PermissionSetNaming.NewRoleSuffix(random);
        var psId = PermissionSetNaming.NewPermissionSetId(random);
        var instance = PermissionSetNaming.NewInstanceId(random);

        Assert.Matches("^[0-9a-f]{16}$", suffix);
        Assert.True(PermissionSetValidator.IsPermissionSetId(psId), psId);
        Assert.True(PermissionSetNaming.IsInstanceId(instance), instance);
    }

    [Fact]
    public void RoleName_LongestPermissionSetName_FitsIamsSixtyFourCharacters()
    {
        var name = PermissionSetNaming.RoleName(new string('n', 32), "0123456789abcdef");

        Assert.Equal(64, name.Length);
    }

    [Fact]
    public void TryParseRoleName_RoundTripsAndRejectsOthers()
    {
        Assert.True(PermissionSetNaming.TryParseRoleName("AWSReservedSSO_Power_User_0123456789abcdef", out var name, out var suffix));
        Assert.Equal("Power_User", name);
        Assert.Equal("0123456789abcdef", suffix);
        Assert.False(PermissionSetNaming.TryParseRoleName("MyRole", out _, out _));
    }
}
