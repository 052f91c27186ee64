using System.Text.Json.Nodes;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.EnvironmentExport;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Tests.Access;
using IdentityCenter.Infrastructure.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Tests.EnvironmentExport;

public sealed class EnvironmentExportTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ExportOfTheWorkshop_ImportedIntoAnEmptyInstance_GivesTheSameEnvironmentAndAccessMatrix(string provider)
    {
        await using var source = await AccessTestKit.CreateAsync(provider);
        AccessTestKit.Ok(await source.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, source.Admin));
        await SaveTemplatesAsync(source);
        var json = await source.Directory.Get<IEnvironmentExportService>().ExportJsonAsync();

        // Event templates refer to groups, permission sets, accounts and OUs by name.
        var exportedTemplates = JsonNode.Parse(json)!["eventTemplates"]!.AsArray();
        Assert.Equal(2, exportedTemplates.Count);
        var shared = exportedTemplates.Single(t => (string?)t!["name"] == "IAM basics")!;
        Assert.Equal("Sandbox", (string?)shared["sharedAccount"]);
        Assert.Equal("Workshop-Developers", (string?)shared["groups"]![0]);
        Assert.Equal("PowerUser", (string?)shared["permissionSets"]![0]);
        Assert.Equal("PER_GROUP", (string?)shared["assignmentScope"]);
        var lab = exportedTemplates.Single(t => (string?)t!["name"] == "Least privilege lab")!;
        Assert.Equal(("ACCOUNT_PER_ATTENDEE", "Sandbox", 6), ((string?)lab["accountMode"], (string?)lab["parentOrganizationalUnit"], (int)lab["durationHours"]!));

        // Never a secret: not the demo password, nor any credential-like member.
        Assert.DoesNotContain(WorkshopSeeder.DemoPassword, json, StringComparison.Ordinal);
        Assert.DoesNotContain(TestDirectory.AdminPassword, json, StringComparison.Ordinal);
        foreach (var word in new[] { "password", "hash", "secret", "accessKey", "token", "securityStamp" })
        {
            Assert.DoesNotContain(word, json, StringComparison.OrdinalIgnoreCase);
        }

        await using var target = await AccessTestKit.CreateAsync(provider);
        int usersCreatedBefore;
        await using (var db = await target.Directory.NewDbAsync())
        {
            usersCreatedBefore = await db.AuditEvents.CountAsync(e => e.EventName == "CreateUser");
        }

        var progress = new List<EnvironmentImportProgress>();
        var imported = await target.Directory.Get<IEnvironmentExportService>().ImportAsync(json, target.Admin, new SynchronousProgress(progress));
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        Assert.Equal(WorkshopSeeder.DemoUsers.Select(u => u.UserName).Order(StringComparer.Ordinal), imported.CreatedUsers.Select(u => u.UserName).Order(StringComparer.Ordinal));
        Assert.All(imported.CreatedUsers, u => Assert.NotEqual(WorkshopSeeder.DemoPassword, u.OneTimePassword));
        Assert.Contains(imported.Items, i => i is { Kind: "user", Name: "admin", Action: EnvironmentImportAction.Reuse });
        Assert.NotEmpty(progress);

        var expected = await EnvironmentSnapshot.TakeAsync(source.Directory.Services);
        var actual = await EnvironmentSnapshot.TakeAsync(target.Directory.Services);
        Assert.Equal(expected, actual);
        Assert.Contains(actual, l => l.StartsWith("event template: IAM basics 20xiam- 7h SharedAccount account=Sandbox", StringComparison.Ordinal));

        // One audit event per imported object, templates included.
        await using (var db = await target.Directory.NewDbAsync())
        {
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.EventName == WorkshopEventAuditNames.SaveWorkshopEventTemplate));
            Assert.Equal(usersCreatedBefore + WorkshopSeeder.DemoUsers.Length, await db.AuditEvents.CountAsync(e => e.EventName == "CreateUser"));
        }

        var matrix = await EnvironmentSnapshot.MatrixAsync(target.Directory.Services);
        Assert.Contains(matrix, l => l.StartsWith("entitled: cara.data in Prod Data as DataAnalyst", StringComparison.Ordinal) && l.Contains("Department=Analytics", StringComparison.Ordinal));
        Assert.Contains(matrix, l => l.StartsWith("entitled: finn.finance in Management as Billing", StringComparison.Ordinal));

        // A changed document (Finance loses Billing) gives another matrix: the comparison is not vacuous.
        var changed = JsonNode.Parse(json)!;
        var list = changed["assignments"]!.AsArray();
        list.Remove(list.Single(a => (string?)a!["principal"] == "Workshop-Finance"));
        await using var third = await AccessTestKit.CreateAsync(provider);
        var second = await third.Directory.Get<IEnvironmentExportService>().ImportAsync(changed.ToJsonString(), third.Admin);
        Assert.True(second.Succeeded, string.Join("\n", second.Errors));
        var other = await EnvironmentSnapshot.MatrixAsync(third.Directory.Services);
        Assert.NotEqual(await EnvironmentSnapshot.MatrixAsync(source.Directory.Services), other);
        Assert.DoesNotContain(other, l => l.StartsWith("entitled: finn.finance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenDocuments_AreRefusedWithTheirLocation_AndNothingIsWritten()
    {
        await using var source = await AccessTestKit.CreateAsync("Sqlite");
        AccessTestKit.Ok(await source.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, source.Admin));
        var json = await source.Directory.Get<IEnvironmentExportService>().ExportJsonAsync();
        await using var target = await AccessTestKit.CreateAsync("Sqlite");
        var service = target.Directory.Get<IEnvironmentExportService>();
        var before = await EnvironmentSnapshot.TakeAsync(target.Directory.Services);

        // Syntax: a cut-off file names the line.
        var cut = await service.ImportAsync(json[..(json.Length / 2)], target.Admin);
        Assert.False(cut.Succeeded);
        Assert.Contains("Line ", cut.Errors[0].Message, StringComparison.Ordinal);

        // A typo in a member name is refused at its path, not ignored.
        var typo = await service.ImportAsync(json.Replace("\"sessionDuration\"", "\"sessionDurration\"", StringComparison.Ordinal), target.Admin);
        Assert.False(typo.Succeeded);
        Assert.StartsWith("$.permissionSets[0]", typo.Errors[0].Field, StringComparison.Ordinal);

        // Semantic problems: every one is listed with its JSON path and what to fix.
        var document = JsonNode.Parse(json)!;
        var sets = document["permissionSets"]!.AsArray();
        var analyst = sets.Select((s, i) => (s, i)).Single(x => (string?)x.s!["name"] == "DataAnalyst").i;
        sets[analyst]!["inlinePolicy"]!["Statement"]![0]!["Effect"] = "Maybe";
        document["assignments"]![0]!["principal"] = "Nobody-Group";
        document["assignments"]![0]!["principalType"] = "GROUP";
        document["groups"]![0]!["members"]!.AsArray().Add("ghost.user");
        document["groups"]!.AsArray().Add(new JsonObject { ["name"] = IdentityCenter.Infrastructure.Identity.BuiltInGroups.AdministratorsName, ["members"] = new JsonArray("ben.dev") });
        var broken = await service.ImportAsync(document.ToJsonString(), target.Admin);
        Assert.False(broken.Succeeded);
        var inline = Assert.Single(broken.Errors, e => e.Field == $"$.permissionSets[{analyst}].inlinePolicy");
        Assert.StartsWith("Line ", inline.Message, StringComparison.Ordinal);
        Assert.Contains("Effect", inline.Message, StringComparison.Ordinal);
        Assert.Contains(broken.Errors, e => e.Field == "$.assignments[0].principal" && e.Message.Contains("Nobody-Group", StringComparison.Ordinal));
        Assert.Contains(broken.Errors, e => e.Field.StartsWith("$.groups[0].members[", StringComparison.Ordinal) && e.Message.Contains("ghost.user", StringComparison.Ordinal));

        // Administrative rights never come in through an import: the built-in administrators group is refused.
        Assert.Contains(broken.Errors, e => e.Field == $"$.groups[{document["groups"]!.AsArray().Count - 1}].name" && e.Message.Contains("administrators", StringComparison.Ordinal));

        // The preview says the same without writing; nothing was written by any attempt.
        var preview = await service.PreviewAsync(document.ToJsonString());
        Assert.Equal(broken.Errors, preview.Errors);
        Assert.Equal(before, await EnvironmentSnapshot.TakeAsync(target.Directory.Services));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task AStepTheServicesRefuseLateInTheDocument_WritesNothingAtAll(string provider)
    {
        await using var source = await AccessTestKit.CreateAsync(provider);
        AccessTestKit.Ok(await source.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, source.Admin));
        await SaveTemplatesAsync(source);
        var document = JsonNode.Parse(await source.Directory.Get<IEnvironmentExportService>().ExportJsonAsync())!;

        // An empty instance: the organization itself is created by the import, and must not stay either.
        await using var target = await AccessTestKit.CreateAsync(provider);
        var service = target.Directory.Get<IEnvironmentExportService>();
        var before = await CountRowsAsync(target.Directory.Services);

        // Passes the document checks, refused by the permission set service (the last permission set, after OUs, accounts, SCPs, policies).
        var sets = document["permissionSets"]!.AsArray();
        sets[^1]!["sessionDuration"] = "PT99H";
        var result = await service.ImportAsync(document.ToJsonString(), target.Admin);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"$.permissionSets[{sets.Count - 1}]", error.Field, StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync(target.Directory.Services));
        Assert.Null(await target.Organizations.GetOrganizationAsync());

        // Later still: the last user's attribute path is refused by the attribute service, after every user before it.
        sets[^1]!["sessionDuration"] = "PT4H";
        var users = document["users"]!.AsArray();
        users[^1]!["attributes"] = new JsonObject { ["enterprise.favouriteColour"] = "green" };
        result = await service.ImportAsync(document.ToJsonString(), target.Admin);
        Assert.False(result.Succeeded);
        error = Assert.Single(result.Errors);
        Assert.Equal($"$.users[{users.Count - 1}].attributes (enterprise.favouriteColour)", error.Field);
        Assert.Contains("not a supported attribute path", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountRowsAsync(target.Directory.Services));
        Assert.Empty(result.CreatedUsers);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task AFailureAtTheLastSaveOrAtTheCommit_WritesNothingAtAll_AndTheNextImportSucceeds(string provider)
    {
        await using var source = await AccessTestKit.CreateAsync(provider);
        AccessTestKit.Ok(await source.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, source.Admin));
        await SaveTemplatesAsync(source);
        var json = await source.Directory.Get<IEnvironmentExportService>().ExportJsonAsync();

        await using var target = await AccessTestKit.CreateAsync(provider, FaultInjection.Register);
        var service = target.Directory.Get<IEnvironmentExportService>();
        var before = await CountRowsAsync(target.Directory.Services);

        // What a crash (or a database error) at the assignments, the document's last rows, looks like: nothing stays.
        using (FaultInjection.FailWhen(db => FaultInjection.Adds<AccountAssignmentRecord>(db)))
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => service.ImportAsync(json, target.Admin));
        }

        Assert.Equal(before, await CountRowsAsync(target.Directory.Services));

        // The process dies just before the commit: nothing stays either.
        using (FaultInjection.FailCommit())
        {
            await Assert.ThrowsAsync<InjectedFaultException>(() => service.ImportAsync(json, target.Admin));
        }

        Assert.Equal(before, await CountRowsAsync(target.Directory.Services));
        Assert.Null(await target.Organizations.GetOrganizationAsync());

        var imported = await service.ImportAsync(json, target.Admin);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        Assert.Equal(await EnvironmentSnapshot.TakeAsync(source.Directory.Services), await EnvironmentSnapshot.TakeAsync(target.Directory.Services));
    }

    [Fact]
    public async Task EventTemplates_AreCheckedByNameWithTheirPaths_AndTheServiceSavesListsAndDeletesThem()
    {
        await using var kit = await AccessTestKit.CreateAsync("Sqlite");
        AccessTestKit.Ok(await kit.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, kit.Admin));
        var templates = kit.Directory.Get<IWorkshopEventTemplateService>();
        var (developers, powerUser, sandboxAccount, _) = await ReferencesAsync(kit);
        var starts = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

        // The event create's rules: a shared account is needed when permission sets are given; the length is whole hours.
        var noAccount = await templates.SaveAsync(new WorkshopEventInput("IAM basics", starts, starts.AddHours(6.5), 20, "iam-", [developers], [powerUser]), kit.Admin);
        Assert.Contains(noAccount.Errors, e => e.Field == "SharedAccountId");
        var tooShort = await templates.SaveAsync(new WorkshopEventInput("IAM basics", starts, starts, 20, "iam-", [], []), kit.Admin);
        Assert.Contains(tooShort.Errors, e => e.Field == "DurationHours");
        var saved = AccessTestKit.Ok(await templates.SaveAsync(new WorkshopEventInput("IAM basics", starts, starts.AddHours(6.5), 20, "iam-", [developers], [powerUser], SharedAccountId: sandboxAccount), kit.Admin));
        Assert.Equal(7, saved.DurationHours);
        var again = await templates.SaveAsync(new WorkshopEventInput("IAM basics", starts, starts.AddHours(2), 5, "other-", [], []), kit.Admin);
        Assert.Equal(Core.Directory.OperationErrorKind.Conflict, again.ErrorKind);
        var listed = Assert.Single(await templates.ListAsync());
        Assert.Equal(starts.AddHours(7), listed.ToInput(starts).EndsAt);

        // In a document: the rules and every reference are checked with the template's path, before anything is written.
        var document = JsonNode.Parse(await kit.Directory.Get<IEnvironmentExportService>().ExportJsonAsync())!;
        await using var target = await AccessTestKit.CreateAsync("Sqlite");
        document["eventTemplates"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "Broken", ["attendeeCount"] = 900, ["userNamePrefix"] = "br-", ["durationHours"] = 0,
                ["groups"] = new JsonArray("No-Such-Group"), ["permissionSets"] = new JsonArray("NoSuchSet"),
                ["sharedAccount"] = "Nowhere", ["accountMode"] = "SOMETIMES",
            },
            new JsonObject { ["name"] = "Lab", ["attendeeCount"] = 3, ["userNamePrefix"] = "lab-", ["durationHours"] = 2, ["accountMode"] = "ACCOUNT_PER_ATTENDEE", ["parentOrganizationalUnit"] = "Nowhere/Deep" });
        var refused = await target.Directory.Get<IEnvironmentExportService>().ImportAsync(document.ToJsonString(), target.Admin);
        Assert.False(refused.Succeeded);
        foreach (var field in new[]
        {
            "$.eventTemplates[0].attendeeCount", "$.eventTemplates[0].durationHours", "$.eventTemplates[0].groups[0]", "$.eventTemplates[0].permissionSets[0]",
            "$.eventTemplates[0].sharedAccount", "$.eventTemplates[0].accountMode", "$.eventTemplates[1].parentOrganizationalUnit",
        })
        {
            Assert.Contains(refused.Errors, e => e.Field == field);
        }

        Assert.Null(await target.Organizations.GetOrganizationAsync());

        // A template the instance has already is named as a conflict.
        var existing = JsonNode.Parse(await kit.Directory.Get<IEnvironmentExportService>().ExportJsonAsync())!;
        var preview = await kit.Directory.Get<IEnvironmentExportService>().PreviewAsync(existing.ToJsonString());
        Assert.Contains(preview.Errors, e => e.Field == "$.eventTemplates[0].name" && e.Message.Contains("already has an event template named 'IAM basics'", StringComparison.Ordinal));

        // Deleting is audited, and the list no longer has it.
        AccessTestKit.Ok(await templates.DeleteAsync(saved.Id, kit.Admin));
        Assert.Empty(await templates.ListAsync());
        Assert.Equal(Core.Directory.OperationErrorKind.NotFound, (await templates.DeleteAsync(saved.Id, kit.Admin)).ErrorKind);
        await using var db = await kit.Directory.NewDbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventName == WorkshopEventAuditNames.SaveWorkshopEventTemplate));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventName == WorkshopEventAuditNames.DeleteWorkshopEventTemplate));
    }

    /// <summary>The ids of the seed's Workshop-Developers group, PowerUser permission set, Sandbox account and Sandbox OU.</summary>
    private static async Task<(string Group, string PermissionSet, string Account, string Unit)> ReferencesAsync(AccessTestKit kit)
    {
        var group = (await kit.Directory.Get<IGroupDirectoryService>().FindByDisplayNameAsync("Workshop-Developers"))!.Id;
        var set = (await kit.PermissionSets.ListAsync()).Single(p => p.Name == "PowerUser").Id;
        var view = (await kit.Organizations.GetOrganizationAsync())!;
        return (group, set, view.Accounts.Single(a => a.Name == "Sandbox").Id, view.OrganizationalUnits.Single(u => u.Name == "Sandbox").Id);
    }

    /// <summary>Two templates on the seeded workshop: a shared account assigned per group, and an account per attendee under the Sandbox OU.</summary>
    private static async Task SaveTemplatesAsync(AccessTestKit kit)
    {
        var (group, set, account, unit) = await ReferencesAsync(kit);
        var templates = kit.Directory.Get<IWorkshopEventTemplateService>();
        var starts = new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        AccessTestKit.Ok(await templates.SaveAsync(new WorkshopEventInput(
            "IAM basics", starts, starts.AddHours(7), 20, "iam-", [group], [set], WorkshopAccountMode.SharedAccount, account, null, WorkshopAssignmentScope.PerGroup), kit.Admin));
        AccessTestKit.Ok(await templates.SaveAsync(new WorkshopEventInput(
            "Least privilege lab", starts, starts.AddHours(6), 3, "lp-", [], [set], WorkshopAccountMode.AccountPerAttendee, null, unit, WithAuthenticator: true), kit.Admin));
    }

    /// <summary>The number of rows of every table of the model: what "nothing was written" means.</summary>
    private static async Task<Dictionary<string, long>> CountRowsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>().CreateDbContextAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal))
        {
#pragma warning disable EF1002 // The table names come from the model, not from input.
            counts[table] = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
        }

        return counts;
    }

    private sealed class SynchronousProgress(List<EnvironmentImportProgress> reports) : IProgress<EnvironmentImportProgress>
    {
        public void Report(EnvironmentImportProgress value) => reports.Add(value);
    }
}
