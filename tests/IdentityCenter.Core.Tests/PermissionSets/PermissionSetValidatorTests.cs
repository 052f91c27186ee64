using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Tests.PermissionSets;

public sealed class PermissionSetValidatorTests
{
    private static PermissionSet Valid() => new()
    {
        Id = "ps-0123456789abcdef",
        Name = "ReadOnly",
        Description = "Read-only access for auditors",
        SessionDuration = TimeSpan.FromHours(4),
        RelayState = "https://us-east-2.console.aws.amazon.com/ec2/",
        ManagedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"],
        CustomerManagedPolicyReferences = [new("TeamBoundary", "/teams/")],
        InlinePolicy = """{"Version":"2012-10-17","Statement":[]}""",
        PermissionsBoundary = PermissionsBoundary.FromManagedPolicy("arn:aws:iam::aws:policy/PowerUserAccess"),
        Tags = [new("team", "platform"), new("cost-center", "")],
    };

    [Fact]
    public void Validate_ValidPermissionSet_NoErrors() =>
        Assert.Empty(PermissionSetValidator.Validate(Valid()));

    [Theory]
    [InlineData("Admin")]
    [InlineData("a.b@c=d,e+f-g_h")]
    [InlineData("12345678901234567890123456789012")]
    public void ValidateName_Allowed_NoError(string name) =>
        Assert.Null(PermissionSetValidator.ValidateName(name));

    [Fact]
    public void ValidateName_33Characters_QuotesLimit()
    {
        var error = PermissionSetValidator.ValidateName(new string('a', 33));

        Assert.Contains("1-32", error!.Message, StringComparison.Ordinal);
        Assert.Contains("33", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("slash/name")]
    [InlineData("")]
    public void ValidateName_BadCharactersOrEmpty_Rejected(string name) =>
        Assert.NotNull(PermissionSetValidator.ValidateName(name));

    [Fact]
    public void ValidateNameIsUnique_SameNameOtherCase_Conflict()
    {
        var existing = new[] { Valid() };

        var conflict = PermissionSetValidator.ValidateNameIsUnique("readonly", "ps-ffffffffffffffff", existing);
        var self = PermissionSetValidator.ValidateNameIsUnique("ReadOnly", existing[0].Id, existing);

        Assert.Contains("already exists", conflict!.Message, StringComparison.Ordinal);
        Assert.Null(self);
    }

    [Fact]
    public void ValidateDescription_701Characters_Quotes700()
    {
        var error = PermissionSetValidator.ValidateDescription(new string('d', 701));

        Assert.Contains("700", error!.Message, StringComparison.Ordinal);
        Assert.Null(PermissionSetValidator.ValidateDescription(new string('d', 700)));
    }

    [Fact]
    public void ValidateDescription_OutsideLatin1_Rejected() =>
        Assert.NotNull(PermissionSetValidator.ValidateDescription("emoji \U0001F600"));

    [Fact]
    public void ValidateRelayState_241Characters_Quotes240()
    {
        var error = PermissionSetValidator.ValidateRelayState("https://x/" + new string('a', 231));

        Assert.Contains("1-240", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/AdministratorAccess", true)]
    [InlineData("arn:aws:iam::aws:policy/job-function/Billing", true)]
    [InlineData("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess", true)]
    [InlineData("arn:aws:iam::111122223333:policy/Mine", false)]
    [InlineData("AdministratorAccess", false)]
    [InlineData("arn:aws:iam::aws:policy/", false)]
    public void ValidateManagedPolicyArn_Examples(string arn, bool valid) =>
        Assert.Equal(valid, PermissionSetValidator.ValidateManagedPolicyArn(arn) is null);

    [Theory]
    [InlineData("Name", "/", true)]
    [InlineData("Name", "/a/b/", true)]
    [InlineData("Name", "a/", false)]
    [InlineData("Name", "/a", false)]
    [InlineData("Bad Name", "/", false)]
    public void ValidateCustomerManagedPolicyReference_NameAndPath(string name, string path, bool valid) =>
        Assert.Equal(valid, PermissionSetValidator.ValidateCustomerManagedPolicyReference(new(name, path)).Count == 0);

    [Fact]
    public void Validate_21PoliciesTogether_QuotesTwentyAndCount()
    {
        var ps = Valid() with
        {
            ManagedPolicyArns = Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::aws:policy/P{i}").ToList(),
            CustomerManagedPolicyReferences = Enumerable.Range(0, 10).Select(i => new CustomerManagedPolicyReference($"C{i}")).ToList(),
        };

        var error = Assert.Single(PermissionSetValidator.Validate(ps));

        Assert.Contains("at most 20", error.Message, StringComparison.Ordinal);
        Assert.Contains("11 + 10 = 21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateManagedPolicy_Reported()
    {
        var ps = Valid() with { ManagedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"] };

        Assert.Contains(PermissionSetValidator.Validate(ps), e => e.Message.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateInlinePolicySize_TooManyNonWhitespace_Quotes10240()
    {
        var policy = new string('x', 10_241);

        var error = PermissionSetValidator.ValidateInlinePolicySize(policy);

        Assert.Contains("10,240", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateInlinePolicySize_WhitespaceDoesNotCountButTotalIsCapped()
    {
        var padded = new string('x', 10_000) + new string(' ', 20_000);
        var tooLong = new string('x', 10_000) + new string(' ', 22_769);

        Assert.Null(PermissionSetValidator.ValidateInlinePolicySize(padded));
        Assert.Contains("32,768", PermissionSetValidator.ValidateInlinePolicySize(tooLong)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateTags_76Tags_Quotes75()
    {
        var tags = Enumerable.Range(0, 76).Select(i => new PermissionSetTag($"k{i}", "v")).ToList();

        var errors = PermissionSetValidator.ValidateTags(tags);

        Assert.Contains(errors, e => e.Message.Contains("at most 75", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateTags_BadKeysAndValues_EachReportedWithIndex()
    {
        var tags = new[]
        {
            new PermissionSetTag(new string('k', 129), "v"),
            new PermissionSetTag("dup", "v"),
            new PermissionSetTag("dup", new string('v', 257)),
            new PermissionSetTag("aws:reserved", "v"),
        };

        var errors = PermissionSetValidator.ValidateTags(tags);

        Assert.Contains(errors, e => e.Field == "Tags[0].Key" && e.Message.Contains("1-128", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "Tags[2].Key" && e.Message.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "Tags[2].Value" && e.Message.Contains("0-256", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "Tags[3].Key" && e.Message.Contains("aws:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadBoundaryAndDuration_BothReported()
    {
        var ps = Valid() with
        {
            SessionDuration = TimeSpan.FromMinutes(30),
            PermissionsBoundary = PermissionsBoundary.FromCustomerManagedPolicy(new("Boundary", "no-slash")),
        };

        var errors = PermissionSetValidator.Validate(ps);

        Assert.Contains(errors, e => e.Field == "SessionDuration" && e.Message.Contains("PT12H", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "PermissionsBoundary.CustomerManagedPolicyReference.Path");
    }
}
