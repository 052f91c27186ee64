using System.Text.Json.Nodes;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.EnvironmentExport;
using IdentityCenter.Infrastructure.Tests.Access;

namespace IdentityCenter.Infrastructure.Tests.EnvironmentExport;

public sealed class EnvironmentExportTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task ExportOfTheWorkshop_ImportedIntoAnEmptyInstance_GivesTheSameEnvironmentAndAccessMatrix(string provider)
    {
        await using var source = await AccessTestKit.CreateAsync(provider);
        AccessTestKit.Ok(await source.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, source.Admin));
        var json = await source.Directory.Get<IEnvironmentExportService>().ExportJsonAsync();

        // Never a secret: not the demo password, nor any credential-like member.
        Assert.DoesNotContain(WorkshopSeeder.DemoPassword, json, StringComparison.Ordinal);
        Assert.DoesNotContain(TestDirectory.AdminPassword, json, StringComparison.Ordinal);
        foreach (var word in new[] { "password", "hash", "secret", "accessKey", "token", "securityStamp" })
        {
            Assert.DoesNotContain(word, json, StringComparison.OrdinalIgnoreCase);
        }

        await using var target = await AccessTestKit.CreateAsync(provider);
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

    [Fact]
    public async Task AStepTheServicesRefuse_UndoesEveryStepBefore()
    {
        await using var source = await AccessTestKit.CreateAsync("Sqlite");
        AccessTestKit.Ok(await source.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, source.Admin));
        var document = JsonNode.Parse(await source.Directory.Get<IEnvironmentExportService>().ExportJsonAsync())!;

        // The organization exists in the target already, so everything the import creates can be undone.
        await using var target = await AccessTestKit.CreateAsync("Sqlite");
        await target.CreateOrganizationAsync();
        var before = await EnvironmentSnapshot.TakeAsync(target.Directory.Services);

        // Passes the document checks, refused by the permission set service (the last permission set, after OUs, accounts, SCPs, policies).
        var sets = document["permissionSets"]!.AsArray();
        sets[^1]!["sessionDuration"] = "PT99H";
        var result = await target.Directory.Get<IEnvironmentExportService>().ImportAsync(document.ToJsonString(), target.Admin);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"$.permissionSets[{sets.Count - 1}]", error.Field, StringComparison.Ordinal);
        Assert.Empty(result.UndoProblems);
        Assert.Equal(before, await EnvironmentSnapshot.TakeAsync(target.Directory.Services));
    }

    private sealed class SynchronousProgress(List<EnvironmentImportProgress> reports) : IProgress<EnvironmentImportProgress>
    {
        public void Report(EnvironmentImportProgress value) => reports.Add(value);
    }
}
