using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.UserAccessKeys;
using IdentityCenter.Web.Aws;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.Organizations;

/// <summary>
/// The organizations API at /aws/organizations driven by boto3 against the real host: an OU, an account created and
/// moved into it, an SCP attached, listed and removed; every modelled error the operations answer (with the Reason
/// member where the model has one); paging; the console's service seeing the API's changes and the other way round;
/// the audit trail; the evaluator's refusals for a help desk key; and the Terraform AWS provider's call sequences.
/// </summary>
public sealed class OrganizationsApiTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string Key = AdminApiHost.BootstrapKeyId;
    private const string Secret = AdminApiHost.BootstrapSecret;

    private const string DenyS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}""";

    /// <summary>
    /// Script helpers: <c>c(op, **params)</c> answers as <see cref="Boto3.Call"/> plus the error's <c>reason</c> (the
    /// model's Reason member); <c>raw</c> is a client without botocore's own parameter validation, so the server's checks
    /// of required members, lengths and ranges are reached.
    /// </summary>
    private const string Helpers = """
        raw = boto3.client(_a["service"], endpoint_url=_a["url"], region_name=_a["region"], aws_access_key_id=_a["key"],
                           aws_secret_access_key=_a["secret"], config=Config(retries={"total_max_attempts": 1}, parameter_validation=False))
        def c(op, cl=None, **params):
            try:
                r = getattr(cl or client, op)(**params)
                r.pop("ResponseMetadata", None)
                return {"ok": json.loads(json.dumps(r, default=str))}
            except ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message", ""), "reason": e.response.get("Reason"),
                        "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                        "errorType": e.response["ResponseMetadata"].get("HTTPHeaders", {}).get("x-amzn-errortype")}

        """;

    private string Url => new Uri(host.BaseUrl, "aws/organizations").ToString();

    private JsonElement Run(string body, object? arguments = null, string key = Key, string secret = Secret) =>
        Boto3.Script("organizations", Url, key, secret, Helpers + body, arguments);

    private async Task<OrganizationInfo> EnsureOrganizationAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var organizations = scope.ServiceProvider.GetRequiredService<IOrganizationService>();
        if (await organizations.GetOrganizationAsync() is { } existing)
        {
            return existing.Organization;
        }

        var created = await organizations.CreateOrganizationAsync(new OrganizationInput("Management", "management@orgs-api.example.com"), Actor.System);
        Assert.True(created.Succeeded, created.Summary);
        return created.Value!;
    }

    private static string Reason(JsonElement result) => result.GetProperty("reason").GetString() ?? "";

    [PythonFact]
    public async Task Lifecycle_OuAccountAndScp_CreatedMovedAttachedListedDetachedDeleted()
    {
        var organization = await EnsureOrganizationAsync();
        var r = Run("""
            o = {}
            o["org"] = c("describe_organization")
            root = c("list_roots")["ok"]["Roots"][0]
            o["root"] = root
            ou = c("create_organizational_unit", ParentId=root["Id"], Name="Workloads")["ok"]["OrganizationalUnit"]
            o["ou"] = ou
            st = c("create_account", Email="dev@orgs-api.example.com", AccountName="Dev")["ok"]["CreateAccountStatus"]
            o["created"] = st
            o["status"] = c("describe_create_account_status", CreateAccountRequestId=st["Id"])
            acct = st["AccountId"]
            o["move"] = c("move_account", AccountId=acct, SourceParentId=root["Id"], DestinationParentId=ou["Id"])
            o["inOu"] = c("list_accounts_for_parent", ParentId=ou["Id"])
            o["children"] = c("list_children", ParentId=ou["Id"], ChildType="ACCOUNT")
            o["parents"] = c("list_parents", ChildId=acct)
            o["account"] = c("describe_account", AccountId=acct)
            o["describeOu"] = c("describe_organizational_unit", OrganizationalUnitId=ou["Id"])
            p = c("create_policy", Content=args["doc"], Description="No bucket deletion", Name="DenyDeleteBucket", Type="SERVICE_CONTROL_POLICY")
            o["policy"] = p
            pid = p["ok"]["Policy"]["PolicySummary"]["Id"]
            o["attach"] = c("attach_policy", PolicyId=pid, TargetId=ou["Id"])
            o["forTarget"] = c("list_policies_for_target", TargetId=ou["Id"], Filter="SERVICE_CONTROL_POLICY")
            o["targets"] = c("list_targets_for_policy", PolicyId=pid)
            o["scps"] = c("list_policies", Filter="SERVICE_CONTROL_POLICY")
            o["describePolicy"] = c("describe_policy", PolicyId=pid)
            o["detach"] = c("detach_policy", PolicyId=pid, TargetId=ou["Id"])
            o["targetsAfter"] = c("list_targets_for_policy", PolicyId=pid)
            o["deletePolicy"] = c("delete_policy", PolicyId=pid)
            o["moveBack"] = c("move_account", AccountId=acct, SourceParentId=ou["Id"], DestinationParentId=root["Id"])
            o["deleteOu"] = c("delete_organizational_unit", OrganizationalUnitId=ou["Id"])
            o["ouAfter"] = c("describe_organizational_unit", OrganizationalUnitId=ou["Id"])
            print(json.dumps(o))
            """, new { doc = DenyS3 });

        var org = Boto3.Ok(r.GetProperty("org")).GetProperty("Organization");
        Assert.Equal(organization.OrganizationId, org.GetProperty("Id").GetString());
        Assert.Equal(organization.Arn, org.GetProperty("Arn").GetString());
        Assert.Equal("ALL", org.GetProperty("FeatureSet").GetString());
        Assert.Equal(organization.ManagementAccountId, org.GetProperty("MasterAccountId").GetString());
        Assert.Equal("management@orgs-api.example.com", org.GetProperty("MasterAccountEmail").GetString());
        var root = r.GetProperty("root");
        Assert.Equal(organization.RootId, root.GetProperty("Id").GetString());
        Assert.Equal($"arn:aws:organizations::{organization.ManagementAccountId}:root/{organization.OrganizationId}/{organization.RootId}", root.GetProperty("Arn").GetString());
        Assert.Equal(["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"], root.GetProperty("PolicyTypes").EnumerateArray().Select(t => t.GetProperty("Type").GetString()));

        var ou = r.GetProperty("ou");
        var ouId = ou.GetProperty("Id").GetString()!;
        Assert.Matches($"^ou-{organization.RootId[2..]}-[a-z0-9]{{8}}$", ouId);
        Assert.Equal($"arn:aws:organizations::{organization.ManagementAccountId}:ou/{organization.OrganizationId}/{ouId}", ou.GetProperty("Arn").GetString());
        Assert.Equal($"{organization.OrganizationId}/{organization.RootId}/{ouId}/", ou.GetProperty("Path").GetString());

        var created = r.GetProperty("created");
        Assert.Matches("^car-[a-z0-9]{8,32}$", created.GetProperty("Id").GetString());
        Assert.Equal("SUCCEEDED", created.GetProperty("State").GetString());
        var status = Boto3.Ok(r.GetProperty("status")).GetProperty("CreateAccountStatus");
        Assert.Equal("SUCCEEDED", status.GetProperty("State").GetString());
        Assert.Equal("Dev", status.GetProperty("AccountName").GetString());
        var accountId = status.GetProperty("AccountId").GetString()!;
        Assert.Matches("^[0-9]{12}$", accountId);

        Assert.True(r.GetProperty("move").TryGetProperty("ok", out _), r.GetProperty("move").ToString());
        Assert.Equal([accountId], Boto3.Ok(r.GetProperty("inOu")).GetProperty("Accounts").EnumerateArray().Select(a => a.GetProperty("Id").GetString()));
        Assert.Equal(accountId, Boto3.Ok(r.GetProperty("children")).GetProperty("Children")[0].GetProperty("Id").GetString());
        var parent = Boto3.Ok(r.GetProperty("parents")).GetProperty("Parents")[0];
        Assert.Equal((ouId, "ORGANIZATIONAL_UNIT"), (parent.GetProperty("Id").GetString(), parent.GetProperty("Type").GetString()));
        var account = Boto3.Ok(r.GetProperty("account")).GetProperty("Account");
        Assert.Equal(("Dev", "dev@orgs-api.example.com", "ACTIVE", "CREATED"),
            (account.GetProperty("Name").GetString(), account.GetProperty("Email").GetString(), account.GetProperty("Status").GetString(), account.GetProperty("JoinedMethod").GetString()));
        Assert.Equal($"{organization.OrganizationId}/{organization.RootId}/{ouId}/{accountId}/", account.GetProperty("Paths")[0].GetString());
        Assert.Equal("Workloads", Boto3.Ok(r.GetProperty("describeOu")).GetProperty("OrganizationalUnit").GetProperty("Name").GetString());

        var summary = Boto3.Ok(r.GetProperty("policy")).GetProperty("Policy").GetProperty("PolicySummary");
        var policyId = summary.GetProperty("Id").GetString()!;
        Assert.Matches("^p-[0-9a-z]{8}$", policyId);
        Assert.Equal($"arn:aws:organizations::{organization.ManagementAccountId}:policy/{organization.OrganizationId}/service_control_policy/{policyId}", summary.GetProperty("Arn").GetString());
        Assert.False(summary.GetProperty("AwsManaged").GetBoolean());
        Assert.True(r.GetProperty("attach").TryGetProperty("ok", out _), r.GetProperty("attach").ToString());
        Assert.Equal(["p-FullAWSAccess", policyId], Boto3.Ok(r.GetProperty("forTarget")).GetProperty("Policies").EnumerateArray().Select(p => p.GetProperty("Id").GetString()));
        var target = Boto3.Ok(r.GetProperty("targets")).GetProperty("Targets").EnumerateArray().Single();
        Assert.Equal((ouId, "Workloads", "ORGANIZATIONAL_UNIT"), (target.GetProperty("TargetId").GetString(), target.GetProperty("Name").GetString(), target.GetProperty("Type").GetString()));
        Assert.Contains(Boto3.Ok(r.GetProperty("scps")).GetProperty("Policies").EnumerateArray(), p => p.GetProperty("Id").GetString() == "p-FullAWSAccess" && p.GetProperty("AwsManaged").GetBoolean()
            && p.GetProperty("Arn").GetString() == "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess");
        Assert.Equal(DenyS3, Boto3.Ok(r.GetProperty("describePolicy")).GetProperty("Policy").GetProperty("Content").GetString());
        Assert.True(r.GetProperty("detach").TryGetProperty("ok", out _), r.GetProperty("detach").ToString());
        Assert.Empty(Boto3.Ok(r.GetProperty("targetsAfter")).GetProperty("Targets").EnumerateArray());
        Assert.True(r.GetProperty("deletePolicy").TryGetProperty("ok", out _), r.GetProperty("deletePolicy").ToString());
        Assert.True(r.GetProperty("moveBack").TryGetProperty("ok", out _), r.GetProperty("moveBack").ToString());
        Assert.True(r.GetProperty("deleteOu").TryGetProperty("ok", out _), r.GetProperty("deleteOu").ToString());
        Boto3.AssertError(r.GetProperty("ouAfter"), "OrganizationalUnitNotFoundException");
    }

    [PythonFact]
    public async Task Errors_EveryModelledRefusal_WithItsCodeAndReason()
    {
        var organization = await EnsureOrganizationAsync();
        var r = Run("""
            o = {}
            root = args["root"]
            ou = c("create_organizational_unit", ParentId=root, Name="Errors")["ok"]["OrganizationalUnit"]["Id"]
            acct = c("create_account", Email="errors@orgs-api.example.com", AccountName="Errors")["ok"]["CreateAccountStatus"]["AccountId"]
            c("move_account", AccountId=acct, SourceParentId=root, DestinationParentId=ou)
            pid = c("create_policy", Content=args["doc"], Description="", Name="ErrorsScp", Type="SERVICE_CONTROL_POLICY")["ok"]["Policy"]["PolicySummary"]["Id"]
            o["missingName"] = c("create_organizational_unit", cl=raw, ParentId=root)
            o["longName"] = c("create_organizational_unit", ParentId=root, Name="x" * 129)
            o["badParent"] = c("create_organizational_unit", ParentId="root", Name="A")
            o["noParent"] = c("create_organizational_unit", ParentId="r-zzzz", Name="A")
            o["nonAscii"] = c("create_organizational_unit", ParentId=root, Name="Caf\u00e9")
            o["dupOu"] = c("create_organizational_unit", ParentId=root, Name="Errors")
            o["wrongType"] = c("create_organizational_unit", cl=raw, ParentId=root, Name=5)
            o["tags"] = c("create_organizational_unit", ParentId=root, Name="Tagged", Tags=[{"Key": "team", "Value": "a"}])
            o["noOu"] = c("describe_organizational_unit", OrganizationalUnitId="ou-zzzz-zzzzzzzz")
            o["renameNoOu"] = c("update_organizational_unit", OrganizationalUnitId="ou-zzzz-zzzzzzzz", Name="B")
            o["notEmpty"] = c("delete_organizational_unit", OrganizationalUnitId=ou)
            o["noChild"] = c("list_parents", ChildId="999999999999")
            o["noAccount"] = c("describe_account", AccountId="999999999999")
            o["noSource"] = c("move_account", AccountId=acct, SourceParentId="ou-zzzz-zzzzzzzz", DestinationParentId=root)
            o["noDestination"] = c("move_account", AccountId=acct, SourceParentId=ou, DestinationParentId="ou-zzzz-zzzzzzzz")
            o["alreadyThere"] = c("move_account", AccountId=acct, SourceParentId=ou, DestinationParentId=ou)
            o["wrongSource"] = c("move_account", AccountId=acct, SourceParentId=root, DestinationParentId=ou)
            o["malformed"] = c("create_policy", Content='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*"}]}', Description="", Name="Bad", Type="SERVICE_CONTROL_POLICY")
            o["notJson"] = c("create_policy", Content='{"Version": ', Description="", Name="Bad", Type="SERVICE_CONTROL_POLICY")
            o["dupPolicy"] = c("create_policy", Content=args["doc"], Description="", Name="ErrorsScp", Type="SERVICE_CONTROL_POLICY")
            o["longDescription"] = c("create_policy", Content=args["doc"], Description="d" * 513, Name="Long", Type="SERVICE_CONTROL_POLICY")
            o["tagPolicy"] = c("create_policy", Content="{}", Description="", Name="Tags", Type="TAG_POLICY")
            o["badType"] = c("list_policies", cl=raw, Filter="NOT_A_TYPE")
            o["noPolicy"] = c("describe_policy", PolicyId="p-zzzzzzzz")
            o["badPolicyId"] = c("describe_policy", PolicyId="policy-1")
            o["immutable"] = c("update_policy", PolicyId="p-FullAWSAccess", Name="Mine")
            o["deleteManaged"] = c("delete_policy", PolicyId="p-FullAWSAccess")
            o["attach"] = c("attach_policy", PolicyId=pid, TargetId=ou)
            o["dupAttach"] = c("attach_policy", PolicyId=pid, TargetId=ou)
            o["inUse"] = c("delete_policy", PolicyId=pid)
            o["notAttached"] = c("detach_policy", PolicyId=pid, TargetId=root)
            o["noTarget"] = c("attach_policy", PolicyId=pid, TargetId="999999999999")
            o["badTarget"] = c("attach_policy", PolicyId=pid, TargetId="o-abc")
            o["noTargetList"] = c("list_policies_for_target", TargetId="ou-zzzz-zzzzzzzz", Filter="SERVICE_CONTROL_POLICY")
            o["lastScp"] = c("detach_policy", PolicyId="p-FullAWSAccess", TargetId=root)
            o["badToken"] = c("list_accounts", NextToken="not-a-token")
            o["otherToken"] = c("list_accounts", NextToken=args["rootsToken"])
            o["maxResults"] = c("list_accounts", cl=raw, MaxResults=21)
            o["minResults"] = c("list_accounts", cl=raw, MaxResults=0)
            o["noStatus"] = c("describe_create_account_status", CreateAccountRequestId="car-00000000")
            o["badStatusId"] = c("describe_create_account_status", CreateAccountRequestId="req-1")
            o["dupEmail"] = c("create_account", Email="errors@orgs-api.example.com", AccountName="Again")
            if "ok" in o["dupEmail"]:
                o["dupEmailStatus"] = c("describe_create_account_status", CreateAccountRequestId=o["dupEmail"]["ok"]["CreateAccountStatus"]["Id"])
                o["failedList"] = c("list_create_account_status", States=["FAILED"])
            o["badEmail"] = c("create_account", Email="not an email", AccountName="X")
            o["badChildType"] = c("list_children", cl=raw, ParentId=root, ChildType="USER")
            o["noTagsTarget"] = c("list_tags_for_resource", ResourceId="999999999999")
            print(json.dumps(o))
            """, new { root = organization.RootId, doc = DenyS3, rootsToken = AwsNextToken.Encode("ListRoots", "0") });

        void Expect(string name, string code, string? reason = null, string? contains = null)
        {
            var result = r.GetProperty(name);
            Assert.True(result.TryGetProperty("code", out var actual) && actual.GetString() == code, $"{name}: expected {code}, got {result}");
            var message = Boto3.AssertError(result, code);
            Assert.False(string.IsNullOrWhiteSpace(message), name);
            if (reason is not null)
            {
                Assert.Equal(reason, Reason(result));
            }

            if (contains is not null)
            {
                Assert.Contains(contains, message, StringComparison.Ordinal);
            }
        }

        Expect("missingName", "InvalidInputException", "INPUT_REQUIRED", "Name is required");
        Expect("longName", "InvalidInputException", "MAX_LENGTH_EXCEEDED", "at most 128");
        Expect("badParent", "InvalidInputException", "INVALID_PATTERN", "ParentId 'root'");
        Expect("noParent", "ParentNotFoundException");
        Expect("nonAscii", "InvalidInputException", "INVALID_PATTERN", "printable ASCII");
        Expect("dupOu", "DuplicateOrganizationalUnitException", contains: "Errors");
        Expect("wrongType", "SerializationException");
        Expect("tags", "ConstraintViolationException", "MAX_TAG_LIMIT_EXCEEDED");
        Expect("noOu", "OrganizationalUnitNotFoundException");
        Expect("renameNoOu", "OrganizationalUnitNotFoundException");
        Expect("notEmpty", "OrganizationalUnitNotEmptyException");
        Expect("noChild", "ChildNotFoundException");
        Expect("noAccount", "AccountNotFoundException");
        Expect("noSource", "SourceParentNotFoundException");
        Expect("noDestination", "DestinationParentNotFoundException");
        Expect("alreadyThere", "DuplicateAccountException");
        Expect("wrongSource", "AccountNotFoundException", contains: "SourceParentId");
        Expect("malformed", "MalformedPolicyDocumentException", contains: "Line 1, column");
        Expect("notJson", "MalformedPolicyDocumentException", contains: "Line 1, column");
        Expect("dupPolicy", "DuplicatePolicyException");
        Expect("longDescription", "InvalidInputException", "MAX_LENGTH_EXCEEDED", "Description");
        Expect("tagPolicy", "PolicyTypeNotAvailableForOrganizationException");
        Expect("badType", "InvalidInputException", "INVALID_ENUM_POLICY_TYPE");
        Expect("noPolicy", "PolicyNotFoundException");
        Expect("badPolicyId", "InvalidInputException", "INVALID_SYNTAX_POLICY_ID");
        Expect("immutable", "InvalidInputException", "IMMUTABLE_POLICY");
        Expect("deleteManaged", "InvalidInputException", "IMMUTABLE_POLICY");
        Assert.True(r.GetProperty("attach").TryGetProperty("ok", out _), r.GetProperty("attach").ToString());
        Expect("dupAttach", "DuplicatePolicyAttachmentException");
        Expect("inUse", "PolicyInUseException");
        Expect("notAttached", "PolicyNotAttachedException");
        Expect("noTarget", "TargetNotFoundException");
        Expect("badTarget", "InvalidInputException", "INVALID_PATTERN_TARGET_ID");
        Expect("noTargetList", "TargetNotFoundException");
        Expect("lastScp", "ConstraintViolationException", "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED");
        Expect("badToken", "InvalidInputException", "INVALID_NEXT_TOKEN");
        Expect("otherToken", "InvalidInputException", "INVALID_NEXT_TOKEN");
        Expect("maxResults", "InvalidInputException", "MAX_VALUE_EXCEEDED");
        Expect("minResults", "InvalidInputException", "MIN_VALUE_EXCEEDED");
        Expect("noStatus", "CreateAccountStatusNotFoundException");
        Expect("badStatusId", "InvalidInputException", "INVALID_PATTERN");
        Expect("badEmail", "InvalidInputException", "INVALID_PATTERN", "Email");
        Expect("badChildType", "InvalidInputException", "INVALID_ENUM");
        Expect("noTagsTarget", "TargetNotFoundException");

        var failed = Boto3.Ok(r.GetProperty("dupEmail")).GetProperty("CreateAccountStatus");
        Assert.Equal(("FAILED", "EMAIL_ALREADY_EXISTS"), (failed.GetProperty("State").GetString(), failed.GetProperty("FailureReason").GetString()));
        Assert.Equal("FAILED", Boto3.Ok(r.GetProperty("dupEmailStatus")).GetProperty("CreateAccountStatus").GetProperty("State").GetString());
        Assert.Contains(Boto3.Ok(r.GetProperty("failedList")).GetProperty("CreateAccountStatuses").EnumerateArray(),
            s => s.GetProperty("Id").GetString() == failed.GetProperty("Id").GetString());
    }

    [PythonFact]
    public async Task Paging_MaxResultsAndNextToken_AndBoto3Paginators_SeeEveryItemOnce()
    {
        var organization = await EnsureOrganizationAsync();
        var r = Run("""
            o = {}
            parent = c("create_organizational_unit", ParentId=args["root"], Name="Paging")["ok"]["OrganizationalUnit"]["Id"]
            for i in range(5):
                c("create_organizational_unit", ParentId=parent, Name="Page%d" % i)
            first = c("list_organizational_units_for_parent", ParentId=parent, MaxResults=2)["ok"]
            second = c("list_organizational_units_for_parent", ParentId=parent, MaxResults=2, NextToken=first["NextToken"])["ok"]
            o["first"] = [u["Name"] for u in first["OrganizationalUnits"]]
            o["second"] = [u["Name"] for u in second["OrganizationalUnits"]]
            names = []
            for page in client.get_paginator("list_organizational_units_for_parent").paginate(ParentId=parent, PaginationConfig={"PageSize": 2}):
                names += [u["Name"] for u in page["OrganizationalUnits"]]
            o["all"] = names
            children = []
            for page in client.get_paginator("list_children").paginate(ParentId=parent, ChildType="ORGANIZATIONAL_UNIT", PaginationConfig={"PageSize": 3}):
                children += [ch["Id"] for ch in page["Children"]]
            o["children"] = len(children)
            o["crossToken"] = c("list_children", ParentId=parent, ChildType="ORGANIZATIONAL_UNIT", NextToken=first["NextToken"])
            print(json.dumps(o))
            """, new { root = organization.RootId });

        Assert.Equal(2, r.GetProperty("first").GetArrayLength());
        Assert.Equal(2, r.GetProperty("second").GetArrayLength());
        Assert.Empty(r.GetProperty("first").EnumerateArray().Select(n => n.GetString()).Intersect(r.GetProperty("second").EnumerateArray().Select(n => n.GetString())));
        Assert.Equal(["Page0", "Page1", "Page2", "Page3", "Page4"], r.GetProperty("all").EnumerateArray().Select(n => n.GetString()).Order());
        Assert.Equal(5, r.GetProperty("children").GetInt32());
        Assert.Equal("INVALID_NEXT_TOKEN", Reason(r.GetProperty("crossToken")));
    }

    [PythonFact]
    public async Task ConsoleAndApi_AreOneOrganization_ChangesAuditedWithTheAccessKey()
    {
        var organization = await EnsureOrganizationAsync();
        string consoleOuId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var console = await scope.ServiceProvider.GetRequiredService<IOrganizationService>()
                .CreateOrganizationalUnitAsync(organization.RootId, "FromConsole", Actor.System);
            Assert.True(console.Succeeded, console.Summary);
            consoleOuId = console.Value!.Id;
        }

        var r = Run("""
            o = {}
            o["console"] = c("describe_organizational_unit", OrganizationalUnitId=args["consoleOu"])
            o["api"] = c("create_organizational_unit", ParentId=args["root"], Name="FromApi")
            o["list"] = c("list_accounts")
            print(json.dumps(o))
            """, new { consoleOu = consoleOuId, root = organization.RootId });

        Assert.Equal("FromConsole", Boto3.Ok(r.GetProperty("console")).GetProperty("OrganizationalUnit").GetProperty("Name").GetString());
        var apiOuId = Boto3.Ok(r.GetProperty("api")).GetProperty("OrganizationalUnit").GetProperty("Id").GetString();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var view = await scope.ServiceProvider.GetRequiredService<IOrganizationService>().GetOrganizationAsync();
            Assert.Contains(view!.OrganizationalUnits, u => u.Id == apiOuId && u.Name == "FromApi" && u.ParentId == organization.RootId);
        }

        var created = (await host.AuditEventsAsync("CreateOrganizationalUnit")).Single(e => e.ResponseElements.GetValueOrDefault("organizationalUnitId") == apiOuId);
        Assert.Equal("organizations.amazonaws.com", created.EventSource);
        Assert.Equal(Key, created.UserIdentity.AccessKeyId);
        Assert.Equal("admin", created.UserIdentity.UserName);
        var listed = (await host.AuditEventsAsync("ListAccounts")).First();
        Assert.Equal(("organizations.amazonaws.com", Key), (listed.EventSource, listed.UserIdentity.AccessKeyId));
    }

    [PythonFact]
    public async Task HelpDeskKey_DeniedOuCreationAndPolicyAttachment_AuditorMayList()
    {
        var organization = await EnsureOrganizationAsync();
        var (helpKey, helpSecret) = await KeyInGroupAsync("orgs.helpdesk", BuiltInGroups.HelpDeskId);
        var (auditKey, auditSecret) = await KeyInGroupAsync("orgs.auditor", BuiltInGroups.AuditorsId);
        const string body = """
            o = {}
            o["createOu"] = c("create_organizational_unit", ParentId=args["root"], Name="NotAllowed")
            o["attach"] = c("attach_policy", PolicyId="p-FullAWSAccess", TargetId=args["root"])
            o["list"] = c("list_accounts")
            print(json.dumps(o))
            """;

        var helpDesk = Run(body, new { root = organization.RootId }, helpKey, helpSecret);
        var auditor = Run(body, new { root = organization.RootId }, auditKey, auditSecret);

        Assert.Contains("organizations:CreateOrganizationalUnit", Boto3.AssertError(helpDesk.GetProperty("createOu"), "AccessDeniedException"), StringComparison.Ordinal);
        Assert.Contains("organizations:AttachPolicy", Boto3.AssertError(helpDesk.GetProperty("attach"), "AccessDeniedException"), StringComparison.Ordinal);
        Boto3.AssertError(helpDesk.GetProperty("list"), "AccessDeniedException");
        Boto3.AssertError(auditor.GetProperty("createOu"), "AccessDeniedException");
        Assert.NotEmpty(Boto3.Ok(auditor.GetProperty("list")).GetProperty("Accounts").EnumerateArray());
        await using var scope = host.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<IOrganizationService>().GetOrganizationAsync();
        Assert.DoesNotContain(view!.OrganizationalUnits, u => u.Name == "NotAllowed");
    }

    [PythonFact]
    public async Task RefusedPolicyCall_SameAnswerForAnExistingAndAMissingPolicy()
    {
        var organization = await EnsureOrganizationAsync();
        var (helpKey, helpSecret) = await KeyInGroupAsync("orgs.helpdesk.probe", BuiltInGroups.HelpDeskId);
        const string body = """
            o = {}
            o["existing"] = c("describe_policy", PolicyId="p-FullAWSAccess")
            o["missing"] = c("describe_policy", PolicyId="p-0123456789")
            o["existingAttach"] = c("attach_policy", PolicyId="p-FullAWSAccess", TargetId=args["root"])
            o["missingAttach"] = c("attach_policy", PolicyId="p-0123456789", TargetId=args["root"])
            print(json.dumps(o))
            """;

        var probe = Run(body, new { root = organization.RootId }, helpKey, helpSecret);

        // Only the policy id differs between the two messages: neither the policy's existence nor its type shows.
        var existing = Boto3.AssertError(probe.GetProperty("existing"), "AccessDeniedException");
        var missing = Boto3.AssertError(probe.GetProperty("missing"), "AccessDeniedException");
        Assert.Equal(missing.Replace("p-0123456789", "p-FullAWSAccess", StringComparison.Ordinal), existing);
        Assert.DoesNotContain("service_control_policy", existing, StringComparison.Ordinal);
        var existingAttach = Boto3.AssertError(probe.GetProperty("existingAttach"), "AccessDeniedException");
        var missingAttach = Boto3.AssertError(probe.GetProperty("missingAttach"), "AccessDeniedException");
        Assert.Equal(missingAttach.Replace("p-0123456789", "p-FullAWSAccess", StringComparison.Ordinal), existingAttach);
    }

    [PythonFact]
    public async Task Terraform_OrganizationalUnitPolicyAndAttachment_ProviderCallSequences()
    {
        var organization = await EnsureOrganizationAsync();
        var r = Run("""
            o = {}
            def pages(op, key, **params):
                items = []
                for page in client.get_paginator(op).paginate(**params):
                    items += page[key]
                return items
            # aws_organizations_organizational_unit: create, read (DescribeOrganizationalUnit, ListParents, ListAccountsForParent, tags), rename, delete
            ou = c("create_organizational_unit", ParentId=args["root"], Name="tf-ou")["ok"]["OrganizationalUnit"]
            o["ouRead"] = c("describe_organizational_unit", OrganizationalUnitId=ou["Id"])["ok"]["OrganizationalUnit"]
            o["ouParent"] = pages("list_parents", "Parents", ChildId=ou["Id"])[0]["Id"]
            o["ouAccounts"] = pages("list_accounts_for_parent", "Accounts", ParentId=ou["Id"])
            o["ouTags"] = c("list_tags_for_resource", ResourceId=ou["Id"])
            o["ouRename"] = c("update_organizational_unit", OrganizationalUnitId=ou["Id"], Name="tf-ou-renamed")
            o["ouReread"] = c("describe_organizational_unit", OrganizationalUnitId=ou["Id"])["ok"]["OrganizationalUnit"]["Name"]
            # aws_organizations_policy: create (Description "" when unset), read, tags, update of the content only, delete
            p = c("create_policy", Content=args["doc"], Description="", Name="tf-scp", Type="SERVICE_CONTROL_POLICY")["ok"]["Policy"]["PolicySummary"]
            o["policyRead"] = c("describe_policy", PolicyId=p["Id"])["ok"]["Policy"]
            o["policyTags"] = c("list_tags_for_resource", ResourceId=p["Id"])
            o["policyUpdate"] = c("update_policy", PolicyId=p["Id"], Content=args["doc2"])
            o["policyReread"] = c("describe_policy", PolicyId=p["Id"])["ok"]["Policy"]
            # aws_organizations_policy_attachment: attach, read through ListTargetsForPolicy pages, detach
            o["attach"] = c("attach_policy", PolicyId=p["Id"], TargetId=ou["Id"])
            o["attachedTargets"] = [t["TargetId"] for t in pages("list_targets_for_policy", "Targets", PolicyId=p["Id"])]
            o["detach"] = c("detach_policy", PolicyId=p["Id"], TargetId=ou["Id"])
            o["detachAgain"] = c("detach_policy", PolicyId=p["Id"], TargetId=ou["Id"])
            o["detachedTargets"] = [t["TargetId"] for t in pages("list_targets_for_policy", "Targets", PolicyId=p["Id"])]
            o["policyDelete"] = c("delete_policy", PolicyId=p["Id"])
            o["policyGone"] = c("describe_policy", PolicyId=p["Id"])
            o["ouDelete"] = c("delete_organizational_unit", OrganizationalUnitId=ou["Id"])
            o["ouGone"] = c("delete_organizational_unit", OrganizationalUnitId=ou["Id"])
            print(json.dumps(o))
            """, new { root = organization.RootId, doc = DenyS3, doc2 = DenyS3.Replace("s3:DeleteBucket", "s3:PutBucketPolicy", StringComparison.Ordinal) });

        Assert.Equal("tf-ou", r.GetProperty("ouRead").GetProperty("Name").GetString());
        Assert.Equal(organization.RootId, r.GetProperty("ouParent").GetString());
        Assert.Empty(r.GetProperty("ouAccounts").EnumerateArray());
        Assert.Empty(Boto3.Ok(r.GetProperty("ouTags")).GetProperty("Tags").EnumerateArray());
        Assert.Equal("tf-ou-renamed", Boto3.Ok(r.GetProperty("ouRename")).GetProperty("OrganizationalUnit").GetProperty("Name").GetString());
        Assert.Equal("tf-ou-renamed", r.GetProperty("ouReread").GetString());
        Assert.Equal(("tf-scp", "", "SERVICE_CONTROL_POLICY"), (r.GetProperty("policyRead").GetProperty("PolicySummary").GetProperty("Name").GetString(),
            r.GetProperty("policyRead").GetProperty("PolicySummary").GetProperty("Description").GetString(), r.GetProperty("policyRead").GetProperty("PolicySummary").GetProperty("Type").GetString()));
        Assert.Empty(Boto3.Ok(r.GetProperty("policyTags")).GetProperty("Tags").EnumerateArray());
        Assert.Contains("s3:PutBucketPolicy", r.GetProperty("policyReread").GetProperty("Content").GetString(), StringComparison.Ordinal);
        Assert.Equal("tf-scp", r.GetProperty("policyReread").GetProperty("PolicySummary").GetProperty("Name").GetString());
        Assert.True(r.GetProperty("attach").TryGetProperty("ok", out _), r.GetProperty("attach").ToString());
        Assert.Contains(r.GetProperty("ouRead").GetProperty("Id").GetString(), r.GetProperty("attachedTargets").EnumerateArray().Select(t => t.GetString()));
        Assert.True(r.GetProperty("detach").TryGetProperty("ok", out _), r.GetProperty("detach").ToString());
        Boto3.AssertError(r.GetProperty("detachAgain"), "PolicyNotAttachedException"); // the provider's delete treats it as done
        Assert.Empty(r.GetProperty("detachedTargets").EnumerateArray());
        Assert.True(r.GetProperty("policyDelete").TryGetProperty("ok", out _), r.GetProperty("policyDelete").ToString());
        Boto3.AssertError(r.GetProperty("policyGone"), "PolicyNotFoundException");
        Assert.True(r.GetProperty("ouDelete").TryGetProperty("ok", out _), r.GetProperty("ouDelete").ToString());
        Boto3.AssertError(r.GetProperty("ouGone"), "OrganizationalUnitNotFoundException");
    }

    private async Task<(string KeyId, string Secret)> KeyInGroupAsync(string userName, string groupId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
        var created = await users.CreateUserAsync(new CreateUserRequest(userName, userName), Actor.System);
        Assert.True(created.Succeeded, created.Summary);
        var added = await scope.ServiceProvider.GetRequiredService<IGroupDirectoryService>().AddMembersAsync(groupId, [created.Value!.User.Id], Actor.System);
        Assert.True(added.Succeeded, added.Summary);
        var key = await host.Services.GetRequiredService<IAccessKeyService>().CreateAsync(created.Value.User.Id, Actor.System);
        return (key.Value!.Key.AccessKeyId, key.Value.SecretAccessKey);
    }
}

/// <summary>
/// Before any organization exists, organizations operations answer AWSOrganizationsNotInUseException; CreateOrganization
/// then builds it from the API alone, the caller's account (with the caller's email) becoming the management account.
/// </summary>
public sealed class OrganizationsApiNoOrganizationTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private string Url => new Uri(host.BaseUrl, "aws/organizations").ToString();

    private async Task SetAdminEmailAsync(string? email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectoryService>();
        var admin = (await users.FindByUserNameAsync("admin"))!;
        var updated = await users.UpdateUserAsync(admin.Id, new UserProfile(admin.DisplayName, admin.GivenName, admin.FamilyName, email), Actor.System);
        Assert.True(updated.Succeeded, updated.Summary);
    }

    [PythonFact]
    public async Task NoOrganization_NotInUse_ThenCreateOrganization_BuildsItFromTheApi()
    {
        await SetAdminEmailAsync(null);
        var before = Boto3.Script("organizations", Url, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, """
            print(json.dumps({"describe": call("describe_organization"), "list": call("list_accounts"), "ou": call("create_organizational_unit", ParentId="r-abcd", Name="A"),
                              "policy": call("describe_policy", PolicyId="p-FullAWSAccess"), "create": call("create_organization", FeatureSet="ALL")}))
            """);
        await SetAdminEmailAsync("admin@orgs-api.example.com");
        var after = Boto3.Script("organizations", Url, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, """
            print(json.dumps({"create": call("create_organization"), "again": call("create_organization"), "describe": call("describe_organization"),
                              "accounts": call("list_accounts")}))
            """);

        foreach (var name in new[] { "describe", "list", "ou", "policy" })
        {
            Assert.Contains("no organization", Boto3.AssertError(before.GetProperty(name), "AWSOrganizationsNotInUseException"), StringComparison.Ordinal);
        }

        Assert.Contains("has none", Boto3.AssertError(before.GetProperty("create"), "ConstraintViolationException"), StringComparison.Ordinal);
        var created = Boto3.Ok(after.GetProperty("create")).GetProperty("Organization");
        Assert.Equal("admin@orgs-api.example.com", created.GetProperty("MasterAccountEmail").GetString());
        Assert.Matches("^o-[a-z0-9]{10}$", created.GetProperty("Id").GetString());
        Boto3.AssertError(after.GetProperty("again"), "AlreadyInOrganizationException");
        Assert.Equal(created.GetProperty("Id").GetString(), Boto3.Ok(after.GetProperty("describe")).GetProperty("Organization").GetProperty("Id").GetString());
        var management = Boto3.Ok(after.GetProperty("accounts")).GetProperty("Accounts").EnumerateArray().Single();
        Assert.Equal((created.GetProperty("MasterAccountId").GetString(), "INVITED"), (management.GetProperty("Id").GetString(), management.GetProperty("JoinedMethod").GetString()));
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(created.GetProperty("Id").GetString(), (await scope.ServiceProvider.GetRequiredService<IOrganizationService>().GetOrganizationAsync())!.Organization.OrganizationId);
    }
}
