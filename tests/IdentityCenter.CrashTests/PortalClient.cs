using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace IdentityCenter.CrashTests;

/// <summary>
/// A person using the portal over plain HTTP, as a browser without scripts would: signs in through the
/// account pages (registering an authenticator on first sign-in), asks for role credentials, and a
/// resource service checks them at <c>/api/authorize</c>. The cookies outlive server restarts.
/// </summary>
public sealed partial class PortalClient : IDisposable
{
    private readonly HttpClient _http;

    public PortalClient()
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task SignInAsync(int port, string userName, string password)
    {
        var login = await GetPageAsync(port, "/Account/Login");
        using var answer = await PostFormAsync(port, "/Account/Login", new()
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Field(login, "__RequestVerificationToken"),
            ["Input.Step"] = "password",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        var page = await answer.Content.ReadAsStringAsync();
        var path = answer.RequestMessage!.RequestUri!.PathAndQuery;
        if (!path.StartsWith("/Account/EnrollMfa", StringComparison.Ordinal))
        {
            return;
        }

        var key = Base32Encoding.ToBytes(DataKey().Match(page) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value).Replace(" ", "", StringComparison.Ordinal)
            : throw new InvalidOperationException("No authenticator key on the enrolment page:\n" + page));
        using var enrolled = await PostFormAsync(port, path, new()
        {
            ["_handler"] = "enroll-mfa",
            ["__RequestVerificationToken"] = Field(page, "__RequestVerificationToken"),
            ["Input.EnrollmentId"] = Field(page, "Input.EnrollmentId"),
            ["Input.Code"] = new Totp(key).ComputeTotp(),
            ["Input.FriendlyName"] = "Crash test",
        });
        Assert.False(enrolled.RequestMessage!.RequestUri!.PathAndQuery.StartsWith("/Account/", StringComparison.Ordinal),
            $"{userName} did not get past the authenticator step: {enrolled.RequestMessage.RequestUri}");
    }

    /// <summary>Fresh credentials for the first role of the first account the portal lists.</summary>
    public async Task<(string AccessKeyId, string SessionToken)> GetCredentialsAsync(int port)
    {
        var accounts = await GetJsonAsync(port, "/api/portal/accounts");
        var account = accounts.GetProperty("accountList")[0].GetProperty("accountId").GetString()!;
        var roles = await GetJsonAsync(port, $"/api/portal/roles?account_id={account}");
        var role = roles.GetProperty("roleList")[0].GetProperty("roleName").GetString()!;
        var credentials = (await GetJsonAsync(port, $"/api/portal/credentials?account_id={account}&role_name={Uri.EscapeDataString(role)}")).GetProperty("roleCredentials");
        return (credentials.GetProperty("accessKeyId").GetString()!, credentials.GetProperty("sessionToken").GetString()!);
    }

    /// <summary>What <c>/api/authorize</c> says about the credentials: a decision, or the error code (TokenRevoked…).</summary>
    public async Task<string> AuthorizeAsync(int port, string serviceKey, (string AccessKeyId, string SessionToken) credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://127.0.0.1:{port}/api/authorize"))
        {
            Content = JsonContent.Create(new { accessKeyId = credentials.AccessKeyId, sessionToken = credentials.SessionToken, action = "s3:GetObject", resource = "arn:aws:s3:::crash-test/object" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("decision", out var decision) ? decision.GetString()! : body.GetProperty("code").GetString()!;
    }

    public void Dispose() => _http.Dispose();

    private async Task<string> GetPageAsync(int port, string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<JsonElement> GetJsonAsync(int port, string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> PostFormAsync(int port, string path, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        var response = await _http.PostAsync(new Uri($"http://127.0.0.1:{port}{path}"), content);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode}");
        return response;
    }

    private static string Field(string page, string name)
    {
        foreach (Match input in InputTag().Matches(page))
        {
            if (input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal) && ValueAttribute().Match(input.Value) is { Success: true } value)
            {
                return WebUtility.HtmlDecode(value.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"No field {name} on the page:\n{page}");
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("data-key=\"([^\"]+)\"")]
    private static partial Regex DataKey();
}
