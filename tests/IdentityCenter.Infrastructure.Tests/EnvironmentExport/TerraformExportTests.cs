using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.EnvironmentExport;
using IdentityCenter.Infrastructure.Tests.Access;

namespace IdentityCenter.Infrastructure.Tests.EnvironmentExport;

public sealed partial class TerraformExportTests
{
    [Fact]
    public async Task WorkshopExport_IsValidHcl_WithEveryResourceKind_AndPolicyVariablesEscaped()
    {
        await using var kit = await AccessTestKit.CreateAsync("Sqlite");
        AccessTestKit.Ok(await kit.Directory.Get<IWorkshopSeeder>().SeedAsync(reset: false, kit.Admin));
        var hcl = await kit.Directory.Get<ITerraformExporter>().ExportAsync();

        foreach (var type in new[]
        {
            "aws_identitystore_user", "aws_identitystore_group", "aws_identitystore_group_membership", "aws_ssoadmin_permission_set",
            "aws_ssoadmin_managed_policy_attachment", "aws_ssoadmin_permission_set_inline_policy", "aws_ssoadmin_customer_managed_policy_attachment",
            "aws_ssoadmin_account_assignment", "aws_organizations_policy", "aws_organizations_policy_attachment",
        })
        {
            Assert.Contains($"resource \"{type}\" ", hcl, StringComparison.Ordinal);
        }

        Assert.Contains("data \"aws_ssoadmin_instances\" \"this\" {}", hcl, StringComparison.Ordinal);

        // IAM policy variables reach AWS as written: Terraform would otherwise interpolate ${aws:PrincipalTag/Department}.
        Assert.Contains("$${aws:PrincipalTag/Department}", hcl, StringComparison.Ordinal);
        Assert.DoesNotMatch(UnescapedInterpolation(), hcl);
        Assert.Equal(5, Regex.Count(hcl, "resource \"aws_ssoadmin_permission_set\" "));
        AssertStructure(hcl);
        await AssertTerraformAcceptsAsync(hcl);
    }

    [Fact]
    public async Task AwkwardNames_AreSafeResourceNames_AndEscapedStrings()
    {
        var document = new EnvironmentDocument
        {
            PermissionSets =
            [
                new EnvironmentPermissionSet { Name = "Ops", Description = "Quote \" backslash \\ dollar ${var.x} percent %{if} newline\nend", SessionDuration = "PT2H",
                    Tags = [new EnvironmentTag("team name", "a\"b")], PermissionsBoundary = new EnvironmentPermissionsBoundary(CustomerManagedPolicy: new EnvironmentPolicyReference("Boundary", "/ops/")) },
                new EnvironmentPermissionSet { Name = "ops", ManagedPolicies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                    InlinePolicy = JsonDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}""").RootElement },
            ],
            Users = [new EnvironmentUser { UserName = "9lives@example.com", DisplayName = "Nine \"Lives\"" }],
            Groups = [new EnvironmentGroup { Name = "Team ${x}", Members = ["9lives@example.com"] }],
            Assignments = [new EnvironmentAssignment { Account = "Prod \"A\"", PermissionSet = "ops", PrincipalType = "GROUP", Principal = "Team ${x}" }],
        };

        var hcl = TerraformWriter.Write(document);

        Assert.Contains("resource \"aws_ssoadmin_permission_set\" \"ops\" ", hcl, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_ssoadmin_permission_set\" \"ops_2\" ", hcl, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_identitystore_user\" \"r_9lives_example_com\" ", hcl, StringComparison.Ordinal);
        Assert.Contains("\"Quote \\\" backslash \\\\ dollar $${var.x} percent %%{if} newline\\nend\"", hcl, StringComparison.Ordinal);
        Assert.Contains("var.account_ids[\"Prod \\\"A\\\"\"]", hcl, StringComparison.Ordinal);
        Assert.Contains("customer_managed_policy_reference", hcl, StringComparison.Ordinal);
        Assert.DoesNotMatch(UnescapedInterpolation(), hcl);
        AssertStructure(hcl);
        await AssertTerraformAcceptsAsync(hcl);
    }

    /// <summary>
    /// A strict check of our own: braces balance outside strings and heredocs, every heredoc ends, every resource name is a
    /// valid identifier, and every reference to a resource names one declared in the file.
    /// </summary>
    private static void AssertStructure(string hcl)
    {
        var depth = 0;
        string? heredoc = null;
        foreach (var line in hcl.Split('\n'))
        {
            if (heredoc is not null)
            {
                if (line == heredoc)
                {
                    heredoc = null;
                }

                continue;
            }

            var inString = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '#')
                {
                    break;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}')
                {
                    depth--;
                    Assert.True(depth >= 0, "A closing brace without an opening one: " + line);
                }
            }

            Assert.False(inString, "An unterminated string: " + line);
            if (line.TrimEnd().EndsWith("<<EOT", StringComparison.Ordinal))
            {
                heredoc = "EOT";
            }
        }

        Assert.Null(heredoc);
        Assert.Equal(0, depth);
        var declared = Declaration().Matches(hcl).Select(m => m.Groups[1].Value + "." + m.Groups[2].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(Declaration().Matches(hcl), m => Assert.Matches("^[a-z][a-z0-9_]*$", m.Groups[2].Value));
        foreach (Match reference in Reference().Matches(hcl))
        {
            Assert.Contains(reference.Groups[1].Value + "." + reference.Groups[2].Value, declared);
        }
    }

    /// <summary>terraform fmt -check parses the file (an HCL syntax error fails it, exit 2) and finds nothing to reformat (exit 3 with the diff).</summary>
    private static async Task AssertTerraformAcceptsAsync(string hcl)
    {
        var terraform = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "terraform")).FirstOrDefault(File.Exists);
        if (terraform is null)
        {
            // The structural check above still ran; terraform itself is not on every machine.
            return;
        }

        var folder = Path.Combine(Path.GetTempPath(), "ic-terraform-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), hcl);
        var start = new ProcessStartInfo(terraform, ["fmt", "-check", "-diff", "-no-color", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TF_CLI_CONFIG_FILE"] = "/dev/null";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        System.IO.Directory.Delete(folder, recursive: true);
        Assert.True(process.ExitCode == 0, $"terraform fmt -check refused the export:\n{error}\n{output}\n---\n{hcl}");
    }

    [GeneratedRegex("(?<!\\$)\\$\\{aws:")]
    private static partial Regex UnescapedInterpolation();

    [GeneratedRegex("^resource \"([a-z_]+)\" \"([^\"]+)\" \\{", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex("\\b(aws_[a-z_]+)\\.([a-z][a-z0-9_]*)\\.(?:arn|id|user_id|group_id)\\b")]
    private static partial Regex Reference();
}
