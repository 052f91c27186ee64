using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using static IdentityCenter.Core.Tests.Policies.PolicyTestKit;

namespace IdentityCenter.Core.Tests.Policies.Evaluation;

/// <summary>One test per evaluation rule and per subtlety AWS documents.</summary>
public sealed class PolicyEvaluatorTests
{
    private static string ResourcePolicy(string principalJson, string effect = "Allow", string element = "Principal") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","{{element}}":{{principalJson}},"Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/*"}]}""";

    private static PolicySet Set(
        string[]? identity = null,
        string? resource = null,
        string? resourceAccount = Account,
        string[][]? scp = null,
        string[][]? rcp = null,
        string[]? boundary = null,
        string[]? session = null) =>
        new(
            (identity ?? []).Select(p => Policy(p)),
            resource is null ? null : Policy(resource, PolicyKind.Resource, "bucket-policy"),
            resourceAccount,
            scp?.Select(level => level.Select(p => Policy(p, PolicyKind.Scp))),
            rcp?.Select(level => level.Select(p => Policy(p, PolicyKind.Rcp))),
            boundary?.Select(p => Policy(p)),
            session?.Select(p => Policy(p, PolicyKind.Session)));

    [Fact]
    public void Evaluate_NoPolicies_IsImplicitDeny()
    {
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set()));
    }

    [Fact]
    public void Evaluate_MatchingAllow_IsAllow()
    {
        Assert.Equal(Decision.Allow, Decide(Request(), AllowGetObject));
    }

    [Fact]
    public void Evaluate_MatchingDenyWithoutAnyAllow_IsExplicitDeny()
    {
        const string deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), deny));
    }

    [Fact]
    public void Evaluate_DenyInAnotherPolicy_WinsOverAllow()
    {
        const string deny = """{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/*"}}""";

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), AllowAll, deny));
    }

    [Fact]
    public void Evaluate_DenyInBoundaryOrSessionOrScp_IsExplicitDeny()
    {
        const string deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}""";

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll], boundary: [AllowAll, deny])));
        Assert.Equal(Decision.ExplicitDeny, Decide(Request(SsoSession), Set([AllowAll], session: [deny])));
        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll], scp: [[AllowAll, deny]])));
        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll], rcp: [[AllowAll, deny]])));
    }

    [Fact]
    public void Evaluate_ExplicitDenyInLaterStep_WinsOverFailedScpLevel()
    {
        const string deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}""";

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll, deny], scp: [[]])));
    }

    [Fact]
    public void Evaluate_ScpLevelNotAllowing_IsImplicitDeny()
    {
        const string ec2Only = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";

        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([AllowAll], scp: [[AllowAll], [ec2Only], [AllowAll]])));
        Assert.Equal(Decision.Allow, Decide(Request(), Set([AllowAll], scp: [[AllowAll], [AllowAll], [AllowAll]])));
    }

    [Fact]
    public void Evaluate_EmptyScpLevel_IsImplicitDeny()
    {
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([AllowAll], scp: [[AllowAll], []])));
    }

    [Fact]
    public void Evaluate_ScpAllowsButNoIdentityPolicy_IsImplicitDeny()
    {
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([], scp: [[AllowAll]])));
    }

    [Fact]
    public void Evaluate_ScpCapsSameAccountResourcePolicyGrant()
    {
        var resource = ResourcePolicy($$"""{"AWS":"{{Alice}}"}""");
        const string ec2Only = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), Set([], resource)));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([], resource, scp: [[ec2Only]])));
    }

    [Fact]
    public void Evaluate_RcpLevelNotAllowing_IsImplicitDeny()
    {
        const string rcpFull = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";
        const string rcpSqs = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), Set([AllowAll], rcp: [[rcpFull]])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([AllowAll], rcp: [[rcpFull], [rcpSqs]])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([AllowAll], rcp: [[]])));
    }

    [Fact]
    public void Evaluate_SameAccountResourcePolicyNamingUser_AllowsWithoutIdentityPolicy()
    {
        Assert.Equal(Decision.Allow, Decide(Request(), Set([], ResourcePolicy($$"""{"AWS":"{{Alice}}"}"""))));
    }

    [Fact]
    public void Evaluate_SameAccountResourcePolicyNamingEveryone_Allows()
    {
        Assert.Equal(Decision.Allow, Decide(Request(), Set([], ResourcePolicy("\"*\""))));
        Assert.Equal(Decision.Allow, Decide(Request(), Set([], ResourcePolicy("""{"AWS":"*"}"""))));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:root")]
    [InlineData("111122223333")]
    public void Evaluate_SameAccountResourcePolicyNamingAccountOnly_GrantsNothingByItself(string account)
    {
        var resource = ResourcePolicy($$"""{"AWS":"{{account}}"}""");

        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([], resource)));
        Assert.Equal(Decision.Allow, Decide(Request(), Set([AllowGetObject], resource)));
    }

    [Fact]
    public void Evaluate_ResourcePolicyNamingOtherUser_DoesNotGrant()
    {
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([], ResourcePolicy("""{"AWS":"arn:aws:iam::111122223333:user/bob"}"""))));
    }

    [Fact]
    public void Evaluate_ResourcePolicyDenyNamingAccount_DeniesItsPrincipals()
    {
        var resource = ResourcePolicy("""{"AWS":"arn:aws:iam::111122223333:root"}""", "Deny");

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll], resource)));
    }

    [Fact]
    public void Evaluate_RoleArnInPrincipal_CoversSessionsIgnoringPath()
    {
        var resource = ResourcePolicy($$"""{"AWS":"{{SsoRole}}"}""");
        var otherRole = ResourcePolicy("""{"AWS":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1"}""");
        var otherAccount = ResourcePolicy("""{"AWS":"arn:aws:iam::444455556666:role/AWSReservedSSO_ReadOnly_0123456789abcdef"}""");

        Assert.Equal(Decision.Allow, Decide(Request(SsoSession), Set([], resource)));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(SsoSession), Set([], otherRole)));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(SsoSession), Set([], otherAccount)));
    }

    [Fact]
    public void Evaluate_RoleArnInPrincipal_WhenContextGivesRoleArn_PathMustMatch()
    {
        var context = Context(("aws:PrincipalArn", SsoRole));
        var withPath = ResourcePolicy($$"""{"AWS":"{{SsoRole}}"}""");
        var withoutPath = ResourcePolicy("""{"AWS":"arn:aws:iam::111122223333:role/AWSReservedSSO_ReadOnly_0123456789abcdef"}""");

        Assert.Equal(Decision.Allow, Decide(Request(SsoSession, context: context), Set([], withPath)));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(SsoSession, context: context), Set([], withoutPath)));
        Assert.Equal(Decision.Allow, Decide(Request(SsoSession), Set([], withoutPath)));
    }

    [Fact]
    public void Evaluate_DenyNamingRoleArn_DeniesItsSessions()
    {
        var resource = ResourcePolicy($$"""{"AWS":"{{SsoRole}}"}""", "Deny");

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(SsoSession), Set([AllowAll], resource)));
    }

    [Fact]
    public void Evaluate_ResourceGrantToUserArn_NotLimitedByBoundaryImplicitDeny()
    {
        const string boundary = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), Set([], ResourcePolicy($$"""{"AWS":"{{Alice}}"}"""), boundary: [boundary])));
    }

    [Fact]
    public void Evaluate_ResourceGrantToSessionArn_NotLimitedByBoundaryOrSessionPolicy()
    {
        const string ec2 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";
        var resource = ResourcePolicy($$"""{"AWS":"{{SsoSession}}"}""");

        Assert.Equal(Decision.Allow, Decide(Request(SsoSession), Set([], resource, boundary: [ec2])));
        Assert.Equal(Decision.Allow, Decide(Request(SsoSession), Set([], resource, session: [ec2])));
    }

    [Fact]
    public void Evaluate_ResourceGrantToRoleArn_LimitedByBoundaryAndSessionPolicy()
    {
        const string ec2 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";
        var resource = ResourcePolicy($$"""{"AWS":"{{SsoRole}}"}""");

        Assert.Equal(Decision.ImplicitDeny, Decide(Request(SsoSession), Set([], resource, boundary: [ec2])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(SsoSession), Set([], resource, session: [ec2])));
        Assert.Equal(Decision.Allow, Decide(Request(SsoSession), Set([], resource, boundary: [AllowAll], session: [AllowAll])));
    }

    [Fact]
    public void Evaluate_CrossAccount_BoundaryAlwaysApplies()
    {
        const string ec2 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";
        var resource = ResourcePolicy($$"""{"AWS":"{{Carol}}"}""");

        Assert.Equal(Decision.Allow, Decide(Request(Carol), Set([AllowAll], resource)));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(Carol), Set([AllowAll], resource, boundary: [ec2])));
    }

    [Fact]
    public void Evaluate_CrossAccount_NeedsBothIdentityAndResourcePolicy()
    {
        var resource = ResourcePolicy($$"""{"AWS":"{{Carol}}"}""");

        Assert.Equal(Decision.ImplicitDeny, Decide(Request(Carol), Set([AllowAll])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(Carol), Set([], resource)));
        Assert.Equal(Decision.Allow, Decide(Request(Carol), Set([AllowAll], resource)));
    }

    [Fact]
    public void Evaluate_CrossAccount_AccountRootPrincipalDelegatesToIdentityPolicies()
    {
        var resource = ResourcePolicy("""{"AWS":"arn:aws:iam::444455556666:root"}""");

        Assert.Equal(Decision.Allow, Decide(Request(Carol), Set([AllowAll], resource)));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(Carol), Set([], resource)));
    }

    [Fact]
    public void Evaluate_ResourceAccountFromArnWhenNotGiven_DetectsCrossAccount()
    {
        var request = Request(action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:444455556666:partner-queue");
        const string allowSqs = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}""";

        Assert.Equal(Decision.ImplicitDeny, Decide(request, Set([allowSqs], resourceAccount: null)));
    }

    [Fact]
    public void Evaluate_NotPrincipalDeny_AlwaysDeniesPrincipalWithBoundary()
    {
        var resource = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":"{{Alice}}"},"Action":"s3:*","Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), Set([AllowAll], resource)));
        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll], resource, boundary: [AllowAll])));
    }

    [Fact]
    public void Evaluate_NotPrincipalDeny_DeniesEveryoneNotListed()
    {
        var resource = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"s3:*","Resource":"*"}]}""";

        Assert.Equal(Decision.ExplicitDeny, Decide(Request(), Set([AllowAll], resource)));
    }

    [Fact]
    public void Evaluate_BoundaryLimitsIdentityGrant()
    {
        const string s3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""";
        const string ec2 = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), Set([AllowAll], boundary: [s3])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([AllowAll], boundary: [ec2])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(), Set([ec2], boundary: [s3])));
    }

    [Fact]
    public void Evaluate_SessionPolicyLimitsIdentityGrant()
    {
        const string reports = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/reports/*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(SsoSession), Set([AllowAll], session: [reports])));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(SsoSession, resource: "arn:aws:s3:::demo-bucket/other"), Set([AllowAll], session: [reports])));
    }

    [Fact]
    public void Evaluate_MissingVariableKey_MakesStatementUnmatchable()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/home/${aws:username}/*"}]}""";
        var resource = "arn:aws:s3:::demo-bucket/home/alice/a.txt";

        Assert.Equal(Decision.Allow, Decide(Request(resource: resource, context: Context(("aws:username", "alice"))), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: resource), policy));
    }

    [Fact]
    public void Evaluate_MissingVariableKeyInDenyNotResource_DoesNotDeny()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::home-${aws:PrincipalTag/team}/*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), policy));
        Assert.Equal(Decision.ExplicitDeny, Decide(Request(context: Context(("aws:PrincipalTag/team", "data"))), policy));
    }

    [Fact]
    public void Evaluate_VariableDefault_UsedWhenKeyMissing()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/${aws:PrincipalTag/team, 'shared'}/*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(resource: "arn:aws:s3:::demo-bucket/shared/x"), policy));
        Assert.Equal(Decision.Allow, Decide(Request(resource: "arn:aws:s3:::demo-bucket/data/x", context: Context(("aws:PrincipalTag/team", "data"))), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::demo-bucket/shared/x", context: Context(("aws:PrincipalTag/team", "data"))), policy));
    }

    [Fact]
    public void Evaluate_VariablesIn2008Policy_AreLiteralText()
    {
        const string policy = """{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/${aws:username}/*"}]}""";
        const string noVersion = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/${aws:username}/*"}]}""";
        var context = Context(("aws:username", "alice"));

        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::demo-bucket/alice/x", context: context), policy));
        Assert.Equal(Decision.Allow, Decide(Request(resource: "arn:aws:s3:::demo-bucket/${aws:username}/x", context: context), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::demo-bucket/alice/x", context: context), noVersion));
    }

    [Fact]
    public void Evaluate_EscapedWildcardVariables_MatchLiterally()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/${*}${?}${$}"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(resource: "arn:aws:s3:::demo-bucket/*?$"), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::demo-bucket/ab$"), policy));
    }

    [Fact]
    public void Evaluate_VariableValueWithWildcards_IsLiteral()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/${aws:username}/*"}]}""";

        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::demo-bucket/bob/x", context: Context(("aws:username", "*"))), policy));
    }

    [Fact]
    public void Evaluate_ActionMatching_IsCaseInsensitiveWithWildcards()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["S3:get*","dynamodb:?etItem"],"Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(action: "s3:GetObject"), policy));
        Assert.Equal(Decision.Allow, Decide(Request(action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:111122223333:table/T"), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(action: "s3:PutObject"), policy));
    }

    [Fact]
    public void Evaluate_ResourceMatching_IsCaseSensitiveAndWildcardsCrossSlashes()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-*/reports/*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(resource: "arn:aws:s3:::demo-bucket/reports/2026/q1.csv"), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::demo-bucket/Reports/q1.csv"), policy));
    }

    [Fact]
    public void Evaluate_NotActionAndNotResource_ApplyToEverythingElse()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(action: "iam:ListUsers", resource: "*"), policy));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(resource: "arn:aws:s3:::secret/k"), policy));
    }

    [Fact]
    public void Evaluate_ServicePrincipal_NeedsResourcePolicyNamingIt()
    {
        const string resource = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::demo-bucket/*"}]}""";
        var request = Request("cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::demo-bucket/AWSLogs/x");

        Assert.Equal(Decision.Allow, Decide(request, Set([], resource)));
        Assert.Equal(Decision.ImplicitDeny, Decide(request, Set([AllowAll])));
    }

    [Fact]
    public void Evaluate_WithExplain_ListsStepsInAwsOrderAndTheDecidingStatements()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Sid":"ReadAll","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"web"}}}]}""";
        var set = Set([policy], scp: [[AllowAll]]);

        var result = PolicyEvaluator.Evaluate(Request(), set, explain: true);

        Assert.Equal(Decision.Allow, result.Decision);
        var explanation = result.Explanation!;
        Assert.Equal(PolicyType.IdentityPolicy, explanation.DecidedBy);
        Assert.Equal(
            [PolicyType.ServiceControlPolicy, PolicyType.ResourceControlPolicy, PolicyType.ResourcePolicy, PolicyType.IdentityPolicy, PolicyType.PermissionsBoundary, PolicyType.SessionPolicy],
            explanation.Steps.Select(s => s.PolicyType).ToArray());
        var allow = Assert.Single(explanation.Statements, s => s.PolicyType == PolicyType.IdentityPolicy && s.Role == StatementRole.Allows);
        Assert.Equal("ReadAll", allow.Statement);
        var blocked = Assert.Single(explanation.Statements, s => s.Role == StatementRole.ConditionsNotMet);
        Assert.Equal("#1", blocked.Statement);
        Assert.Equal(Effect.Deny, blocked.Effect);
        Assert.Equal(["aws:PrincipalTag/team"], blocked.MissingContextKeys);
        Assert.Contains("aws:PrincipalTag/team", explanation.MissingContextKeys);
    }

    [Fact]
    public void Evaluate_WithExplain_ExplicitDenyNamesDenyingPolicyType()
    {
        const string deny = """{"Version":"2012-10-17","Statement":[{"Sid":"NoS3","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";

        var result = PolicyEvaluator.Evaluate(Request(), Set([AllowAll], boundary: [AllowAll, deny]), explain: true);

        Assert.Equal(Decision.ExplicitDeny, result.Decision);
        Assert.Equal(PolicyType.PermissionsBoundary, result.Explanation!.DecidedBy);
        Assert.Contains(result.Explanation.Statements, s => s.Statement == "NoS3" && s.Role == StatementRole.Denies);
    }

    [Fact]
    public void PolicySet_FromSharedCompiledPolicies_EvaluatesLikeFreshlyCompiled()
    {
        var scp = new CompiledPolicy(Policy(AllowAll, PolicyKind.Scp, "FullAWSAccess"));
        var identity = new CompiledPolicy(Policy(AllowGetObject, name: "read"));
        var shared = new PolicySet([identity], null, Account, [[scp], [scp]], null, null, null);

        Assert.Equal(Decision.Allow, Decide(Request(), shared));
        Assert.Equal(Decision.ImplicitDeny, Decide(Request(action: "s3:PutObject"), shared));
        Assert.Same(scp, shared.ServiceControlLevels![1][0]);
    }

    [Fact]
    public void Evaluate_KmsKeyPolicyMustDelegateToAccountForIdentityPolicies()
    {
        var request = Request(action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd");
        const string allowKms = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}""";
        const string keyPolicyToAccount = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";
        const string keyPolicyToBob = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:*","Resource":"*"}]}""";

        Assert.Equal(Decision.ImplicitDeny, Decide(request, Set([allowKms])));
        Assert.Equal(Decision.ImplicitDeny, Decide(request, Set([allowKms], keyPolicyToBob)));
        Assert.Equal(Decision.Allow, Decide(request, Set([allowKms], keyPolicyToAccount)));
        Assert.Equal(Decision.ImplicitDeny, Decide(request, Set([], keyPolicyToAccount)));
    }

    [Fact]
    public void Evaluate_RoleTrustPolicyPresent_MustDelegateToAccountForIdentityPolicies()
    {
        var request = Request(action: "sts:AssumeRole", resource: "arn:aws:iam::111122223333:role/Deploy");
        const string allowAssume = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""";
        const string trustAccount = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""";
        const string trustService = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var trustAlice = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{Alice}}"},"Action":"sts:AssumeRole"}]}""";

        Assert.Equal(Decision.Allow, Decide(request, Set([allowAssume])));
        Assert.Equal(Decision.ImplicitDeny, Decide(request, Set([allowAssume], trustService)));
        Assert.Equal(Decision.Allow, Decide(request, Set([allowAssume], trustAccount)));
        Assert.Equal(Decision.Allow, Decide(request, Set([], trustAlice)));
    }

    [Fact]
    public void Evaluate_GetCallerIdentity_AllowedEvenWhenDenied()
    {
        const string deny = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:*","Resource":"*"}]}""";

        Assert.Equal(Decision.Allow, Decide(Request(action: "sts:GetCallerIdentity", resource: "*"), Set([deny])));
    }

    [Fact]
    public void Evaluate_WithoutExplain_HasNoExplanation()
    {
        Assert.Null(PolicyEvaluator.Evaluate(Request(), Set([AllowAll])).Explanation);
    }

    [Fact]
    public void Evaluate_CompiledSetWithoutVariables_AllocatesNothing()
    {
        var set = Set(
            [AllowWithCondition("""{"StringEquals":{"aws:PrincipalTag/team":"data"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"},"NumericLessThan":{"s3:max-keys":"100"}}""")],
            ResourcePolicy("\"*\""),
            scp: [[AllowAll]],
            boundary: [AllowAll]);
        var request = Request(context: Context(("aws:PrincipalTag/team", "data"), ("aws:SourceIp", "203.0.113.7"), ("aws:CurrentTime", "2026-11-23T10:00:00Z"), ("s3:max-keys", "10")));
        for (var i = 0; i < 100; i++)
        {
            PolicyEvaluator.Evaluate(request, set);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            PolicyEvaluator.Evaluate(request, set);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Decision.Allow, PolicyEvaluator.Evaluate(request, set).Decision);
    }
}
