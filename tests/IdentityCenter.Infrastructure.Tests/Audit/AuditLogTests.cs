using System.Text;
using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Audit;

public sealed class AuditLogTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    private static AuditEvent Event(DateTimeOffset at, string name, string? user, string? error = null) => new()
    {
        EventTime = at,
        EventSource = AuditEventSources.SignIn,
        EventName = name,
        UserIdentity = new AuditUserIdentity("Unknown", null, user),
        TargetUserName = user,
        ErrorCode = error,
        AdditionalEventData = new Dictionary<string, string?> { [AdditionalEventDataKeys.CredentialType] = CredentialTypes.Password },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Query_FiltersByTimeNameUserAndOutcomeWithPaging(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var log = t.Get<IAuditLog>();
        var now = t.Time.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(1);
        for (var i = 0; i < 30; i++)
        {
            await log.AppendAsync(Event(start.AddMinutes(i), i % 3 == 0 ? AuditEventNames.CredentialVerification : AuditEventNames.CredentialChallenge, i % 2 == 0 ? "zoe" : "yann", i % 5 == 0 ? "InvalidCredentials" : null));
        }

        var window = await log.QueryAsync(new AuditQuery(From: start.AddMinutes(10), To: start.AddMinutes(20), PageSize: 100));
        var failures = await log.QueryAsync(new AuditQuery(From: start, Outcome: AuditOutcome.Failure));
        var zoeVerifications = await log.QueryAsync(new AuditQuery(From: start, EventName: AuditEventNames.CredentialVerification, User: "zoe"));
        var page2 = await log.QueryAsync(new AuditQuery(From: start, PageIndex: 1, PageSize: 7));

        Assert.Equal(10, window.TotalCount);
        Assert.Equal(start.AddMinutes(19), window.Items[0].EventTime);
        Assert.Equal(6, failures.TotalCount);
        Assert.All(failures.Items, e => Assert.Equal(AuditOutcome.Failure, e.Outcome));
        Assert.Equal(5, zoeVerifications.TotalCount);
        Assert.Equal(30, page2.TotalCount);
        Assert.Equal(7, page2.Items.Count);
        Assert.Equal(start.AddMinutes(22), page2.Items[0].EventTime);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_JsonLinesAndCsv_HaveOneLinePerEventInCloudTrailShape(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var log = t.Get<IAuditLog>();
        var at = t.Time.GetUtcNow().AddDays(1);
        await log.AppendAsync(Event(at, AuditEventNames.UserAuthentication, "=cmd|evil"));
        await log.AppendAsync(Event(at.AddSeconds(1), AuditEventNames.CredentialVerification, "zoe", "InvalidCredentials"));
        var filter = new AuditQuery(From: at);

        using var json = new MemoryStream();
        await log.ExportJsonLinesAsync(filter, json);
        using var csv = new MemoryStream();
        await log.ExportCsvAsync(filter, csv);

        var lines = Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("CredentialVerification", first.RootElement.GetProperty("eventName").GetString());
        Assert.Equal("signin.amazonaws.com", first.RootElement.GetProperty("eventSource").GetString());
        Assert.Equal("PASSWORD", first.RootElement.GetProperty("additionalEventData").GetProperty("CredentialType").GetString());
        var csvLines = Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, csvLines.Length);
        Assert.StartsWith("eventTime,eventId,eventSource,eventName", csvLines[0], StringComparison.Ordinal);
        Assert.Contains(",\"'=cmd|evil\",", csvLines[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ExportCsv_ReadBack_EveryFieldIntactWithDelimitersQuotedAndFormulasDefused(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var log = t.Get<IAuditLog>();
        var at = t.Time.GetUtcNow().AddDays(1);
        await log.AppendAsync(Event(at, AuditEventNames.UserAuthentication, "semi;colon") with { UserAgent = "Agent\twith tab; and \"quotes\"", SourceIpAddress = "-1+cmd" });

        using var csv = new MemoryStream();
        await log.ExportCsvAsync(new AuditQuery(From: at), csv);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        var content = IdentityCenter.Infrastructure.Csv.CsvFiles.Read(text);

        Assert.Empty(content.Problems);
        var header = content.Records[0].Fields.ToList();
        var row = Assert.Single(content.Records.Skip(1)).Fields;
        Assert.Equal(header.Count, row.Count);
        Assert.Equal("semi;colon", row[header.IndexOf("userName")]);
        Assert.Equal("Agent\twith tab; and \"quotes\"", row[header.IndexOf("userAgent")]);
        Assert.Equal("'-1+cmd", row[header.IndexOf("sourceIPAddress")]);
        Assert.Contains("\"semi;colon\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AuditTrail_NeverContainsPasswords(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var users = t.Get<IUserDirectoryService>();
        var created = (await users.CreateUserAsync(new CreateUserRequest("olga", "Olga"), t.Admin)).Value!;
        var reset = (await users.ResetPasswordAsync(created.User.Id, t.Admin)).Value!;
        await t.Get<IdentityCenter.Infrastructure.Security.IPasswordService>().ChangePasswordAsync(created.User.Id, reset, "Chosen-Passw0rd", new Actor(created.User.Id, "olga"));

        await using var db = await t.NewDbAsync();
        var everything = string.Join("\n", await db.AuditEvents.Select(a => a.RequestParameters + a.ResponseElements + a.AdditionalEventData + a.ErrorMessage).ToListAsync());

        Assert.Contains("UpdatePassword", string.Join(",", await db.AuditEvents.Select(a => a.EventName).ToListAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain(created.OneTimePassword, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(reset, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Chosen-Passw0rd", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(TestDirectory.AdminPassword, everything, StringComparison.Ordinal);
    }
}
