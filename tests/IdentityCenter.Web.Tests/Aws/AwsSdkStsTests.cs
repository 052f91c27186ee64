using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The official AWS SDK for .NET (AWSSDK.SecurityToken), unmodified, calls STS at <c>/aws/sts</c> on the real
/// Kestrel host with the credentials GetRoleCredentials issued: the signature is verified with the secret
/// sealed in the session token, and every refusal is the error code (and status) the SDK receives from AWS.
/// </summary>
public sealed class AwsSdkStsTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    private const string Ns = "{https://sts.amazonaws.com/doc/2011-06-15/}";

    [Fact]
    public async Task GetCallerIdentity_SignedWithRoleCredentials_AssumedRoleOfTheSession()
    {
        var (account, role, c) = await host.RoleCredentialsAsync("ana.admin");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(HttpStatusCode.OK, identity.HttpStatusCode);
        Assert.Equal(account, identity.Account);
        Assert.Matches($"^arn:aws:sts::{account}:assumed-role/AWSReservedSSO_{role}_[0-9a-f]{{16}}/ana\\.admin$", identity.Arn);
        Assert.Matches("^AROA[A-Z2-7]{17}:ana\\.admin$", identity.UserId);
        Assert.False(string.IsNullOrEmpty(identity.ResponseMetadata.RequestId));

        // The role's unique id is stable: credentials issued again name the same AROA id.
        var (_, _, again) = await host.RoleCredentialsAsync("ana.admin");
        using var second = host.StsClient(new SessionAWSCredentials(again.AccessKeyId, again.SecretAccessKey, again.SessionToken));
        Assert.Equal(identity.UserId, (await second.GetCallerIdentityAsync(new GetCallerIdentityRequest())).UserId);
    }

    [Fact]
    public async Task GetAccessKeyInfo_AllowedByPolicy_AccountDecodedFromTheKeyId()
    {
        var (account, _, c) = await host.RoleCredentialsAsync("ana.admin");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));

        Assert.Equal(account, (await sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = c.AccessKeyId })).Account);
        Assert.Equal("581039954779", (await sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = "AKIAIOSFODNN7EXAMPLE" })).Account);
        var invalid = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = "AKIA0000000000000000" }));
        Assert.Equal("ValidationError", invalid.ErrorCode);
    }

    [Fact]
    public async Task GetAccessKeyInfo_NotAllowedByThePermissionSet_AccessDenied()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("finn.finance");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));

        var denied = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetAccessKeyInfoAsync(new GetAccessKeyInfoRequest { AccessKeyId = c.AccessKeyId }));

        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("is not authorized to perform: sts:GetAccessKeyInfo", denied.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("body")]
    [InlineData("token")]
    public async Task GetCallerIdentity_RequestChangedAfterSigning_Refused(string changed)
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var (_, _, other) = await host.RoleCredentialsAsync("ana.admin");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), new ChangingHttp(async request =>
        {
            switch (changed)
            {
                case "signature":
                    var auth = request.Headers.GetValues("Authorization").Single();
                    request.Headers.Remove("Authorization");
                    request.Headers.TryAddWithoutValidation("Authorization", auth[..^1] + (auth[^1] == '0' ? '1' : '0'));
                    break;
                case "body":
                    var body = await request.Content!.ReadAsStringAsync();
                    request.Content = new StringContent(body + "&Extra=1", new MediaTypeHeaderValue("application/x-www-form-urlencoded"));
                    break;
                default:
                    // Another valid session token of the same user does not belong to this access key id.
                    request.Headers.Remove("X-Amz-Security-Token");
                    request.Headers.Add("X-Amz-Security-Token", other.SessionToken);
                    break;
            }
        }));

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(changed == "token" ? "InvalidClientTokenId" : "SignatureDoesNotMatch", error.ErrorCode);
    }

    [Fact]
    public async Task GetCallerIdentity_WrongSecret_SignatureDoesNotMatch()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var wrong = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, wrong, c.SessionToken));

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task GetCallerIdentity_ExpiredCredentials_ExpiredToken()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        var protector = host.Services.GetRequiredService<SessionTokenProtector>();
        var claims = protector.Unseal(c.SessionToken, c.AccessKeyId).Claims!;
        var now = host.Time.GetUtcNow();
        var expired = claims with
        {
            AccessKeyId = AccessKeys.NewTemporaryAccessKeyId(CryptoRandomSource.Instance, claims.AccountId),
            IssuedAt = now.AddHours(-3),
            ExpiresAt = now.AddHours(-1),
        };
        var secret = RandomNumberGenerator.GetBytes(AccessKeys.SecretAccessKeyBytes);
        using var sts = host.StsClient(new SessionAWSCredentials(expired.AccessKeyId, Convert.ToBase64String(secret), protector.Seal(expired, secret)));

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("ExpiredToken", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task GetCallerIdentity_RevokedCredentials_InvalidClientTokenId()
    {
        // Only this test uses dan.ops here: the revocation covers every credential issued up to now (the clock stands still).
        var (_, _, c) = await host.RoleCredentialsAsync("dan.ops");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        await host.Services.GetRequiredService<CredentialRevocationService>().RevokeUserAsync(await host.UserIdAsync("dan.ops"), Actor.System);
        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCallerIdentity_AccessKeyWithoutItsToken_InvalidClientTokenId()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        using var sts = host.StsClient(new BasicAWSCredentials(c.AccessKeyId, c.SecretAccessKey));

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("InvalidClientTokenId", error.ErrorCode);
    }

    [Fact]
    public async Task Unsigned_MissingAuthenticationToken()
    {
        using var sts = host.StsClient(new AnonymousAWSCredentials());

        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("MissingAuthenticationToken", error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Theory]
    [InlineData("Action=AssumeRoot&Version=2011-06-15", 400, "InvalidAction")]
    [InlineData("Action=GetCallerIdentity&Version=2010-01-01", 400, "InvalidAction")]
    [InlineData("Version=2011-06-15", 400, "MissingAction")]
    [InlineData("Action=GetCallerIdentity&Version=2011-06-15", 403, "MissingAuthenticationToken")]
    public async Task Wire_Errors_StsErrorResponseShape(string form, int status, string code)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(host.StsUrl, new StringContent(form, new MediaTypeHeaderValue("application/x-www-form-urlencoded")));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Ns + "ErrorResponse", xml.Name.ToString());
        Assert.Equal("Sender", xml.Element(Ns + "Error")!.Element(Ns + "Type")!.Value);
        Assert.Equal(code, xml.Element(Ns + "Error")!.Element(Ns + "Code")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(xml.Element(Ns + "Error")!.Element(Ns + "Message")!.Value));
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), xml.Element(Ns + "RequestId")!.Value);
    }

    [Fact]
    public async Task Wire_AuthorizationHeaderWithoutSignature_IncompleteSignature()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, host.StsUrl + "?Action=GetCallerIdentity&Version=2011-06-15");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAAAAAAAAAAAAAAAAA/20260101/us-east-1/sts/aws4_request");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("IncompleteSignature", XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(Ns + "Error")!.Element(Ns + "Code")!.Value);
    }

    /// <summary>Lets a test change the request after the SDK signed it.</summary>
    private sealed class ChangingHttp(Func<HttpRequestMessage, Task> change) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Changer(change));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

        private sealed class Changer(Func<HttpRequestMessage, Task> change) : DelegatingHandler(new HttpClientHandler())
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                await change(request);
                return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}

/// <summary>Its own host: the test moves the server's clock, which the SDK (signing with the real clock) does not follow.</summary>
public sealed class AwsSdkStsClockTests(AwsApiHost host) : IClassFixture<AwsApiHost>
{
    [Fact]
    public async Task GetCallerIdentity_RequestTimeMoreThanFiveMinutesOff_SignatureExpired()
    {
        var (_, _, c) = await host.RoleCredentialsAsync("ana.admin");
        using var sts = host.StsClient(new SessionAWSCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken));

        host.Time.Advance(TimeSpan.FromMinutes(4));
        await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        host.Time.Advance(TimeSpan.FromMinutes(2));
        var error = await Assert.ThrowsAnyAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.StartsWith("Signature expired", error.Message, StringComparison.Ordinal);
    }
}
