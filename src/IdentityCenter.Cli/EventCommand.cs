using System.Globalization;
using System.Net;
using System.Text;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Cli;

/// <summary><c>identitycenter event create|cards|end</c>: workshop events through <see cref="IWorkshopEventService"/>.</summary>
internal static class EventCommand
{
    public static readonly string Usage = """
        identitycenter event: workshop events (attendees in bulk, sign-in cards, the end-event switch)

        Usage:
          identitycenter event create --name NAME --starts TIME --ends TIME --attendees N --prefix PREFIX
                                      [--group GROUP]... [--permission-set NAME]... [--account NAME | --account-per-attendee [--parent-ou PATH]]
                                      [--per-group] [--with-authenticator] [--out FILE] [instance switches]
          identitycenter event cards EVENT [--with-authenticator] [--portal-url URL] [--out FILE] [instance switches]
          identitycenter event end EVENT [instance switches]

        create   Creates the attendees (PREFIX001, PREFIX002, ...), their group memberships and assignments in one
                 transaction, and prints their sign-in cards. TIME is ISO 8601 (2026-12-07T09:00:00Z). Groups,
                 permission sets and accounts are given by name; --parent-ou by path (Workloads/Sandbox).
        cards    New one-time passwords for every attendee of EVENT (its id or name): the old cards stop working.
        end      Ends EVENT now: every attendee is disabled and every credential they hold stops working.

        Cards go to standard output as tab-separated lines (UserName, OneTimePassword[, AuthenticatorSecret]), or to
        --out FILE: a FILE ending in .html is a printable page of cards (8 a sheet), with QR codes of --portal-url and of
        each authenticator. Cards with an authenticator are secrets: keep them like passwords.

        Options:
        """ + InstanceSwitches.Help + """
          -h, --help                  Show this help.

        Exit status: 0 on success, 1 when refused (unknown event, invalid input) or the instance could not be opened,
        2 on wrong usage.
        """;

    private static readonly string[] RequiredForCreate = ["--name", "--starts", "--ends", "--attendees", "--prefix"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }

        var verb = args[0];
        if (verb is not ("create" or "cards" or "end"))
        {
            return await UsageErrorAsync(stderr, $"unknown event command '{verb}'; use create, cards or end.").ConfigureAwait(false);
        }

        var switches = new InstanceSwitches();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new List<string>();
        var sets = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string? eventName = null;
        string[] valued = ["--name", "--starts", "--ends", "--attendees", "--prefix", "--account", "--parent-ou", "--out", "--portal-url"];
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--group" or "--permission-set" && i + 1 < args.Length)
            {
                (arg == "--group" ? groups : sets).Add(args[++i]);
            }
            else if (valued.Contains(arg) && i + 1 < args.Length)
            {
                values[arg] = args[++i];
            }
            else if (arg is "--account-per-attendee" or "--per-group" or "--with-authenticator")
            {
                flags.Add(arg);
            }
            else if (verb != "create" && eventName is null && !arg.StartsWith("--", StringComparison.Ordinal))
            {
                eventName = arg;
            }
            else if (!switches.TryTake(args, ref i))
            {
                return await UsageErrorAsync(stderr, $"unexpected argument '{arg}'.").ConfigureAwait(false);
            }
        }

        if (verb != "create" && eventName is null)
        {
            return await UsageErrorAsync(stderr, $"'event {verb}' needs the event's id or name.").ConfigureAwait(false);
        }

        if (verb == "create" && RequiredForCreate.FirstOrDefault(k => !values.ContainsKey(k)) is { } missing)
        {
            return await UsageErrorAsync(stderr, $"'event create' needs {missing}.").ConfigureAwait(false);
        }

        var (instance, error) = await InstanceHost.OpenAsync(switches, "event " + verb).ConfigureAwait(false);
        if (instance is null)
        {
            await stderr.WriteLineAsync("identitycenter event: " + error).ConfigureAwait(false);
            return 1;
        }

        await using (instance.ConfigureAwait(false))
        {
            var events = instance.Services.GetRequiredService<IWorkshopEventService>();
            if (verb == "create")
            {
                return await CreateAsync(instance, events, values, groups, sets, flags, stdout, stderr).ConfigureAwait(false);
            }

            var all = await events.ListAsync().ConfigureAwait(false);
            var matches = all.Where(e => e.Id == eventName).ToList();
            if (matches.Count == 0)
            {
                matches = all.Where(e => e.Name == eventName).ToList();
            }

            if (matches.Count != 1)
            {
                await stderr.WriteLineAsync(matches.Count == 0
                    ? $"identitycenter event: there is no event with the id or name '{eventName}'."
                        + (all.Count == 0 ? " There are no events." : " Events: " + string.Join(", ", all.Select(e => $"{e.Name} ({e.Id})")) + ".")
                    : $"identitycenter event: several events are named '{eventName}'; give the id: {string.Join(", ", matches.Select(e => e.Id))}.").ConfigureAwait(false);
                return 1;
            }

            var target = matches[0];
            if (verb == "end")
            {
                var ended = await events.EndAsync(target.Id, instance.Actor).ConfigureAwait(false);
                if (!ended.Succeeded)
                {
                    return await RefusedAsync(stderr, ended).ConfigureAwait(false);
                }

                await stderr.WriteLineAsync($"Ended {target.Name}: its {target.AttendeeCount} attendees are disabled and their credentials revoked.").ConfigureAwait(false);
                return 0;
            }

            var cards = await events.RegenerateCardsAsync(target.Id, null, flags.Contains("--with-authenticator"), instance.Actor).ConfigureAwait(false);
            if (!cards.Succeeded)
            {
                return await RefusedAsync(stderr, cards).ConfigureAwait(false);
            }

            return await WriteCardsAsync(target.Name, cards.Value!, values, stdout, stderr).ConfigureAwait(false);
        }
    }

    private static async Task<int> CreateAsync(
        InstanceHost instance, IWorkshopEventService events, Dictionary<string, string> values, List<string> groupNames, List<string> setNames, HashSet<string> flags, TextWriter stdout, TextWriter stderr)
    {
        var problems = new List<string>();
        DateTimeOffset Time(string key)
        {
            if (DateTimeOffset.TryParse(values[key], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                return time;
            }

            problems.Add($"{key} '{values[key]}' is not a time; write it as 2026-12-07T09:00:00Z.");
            return default;
        }

        var starts = Time("--starts");
        var ends = Time("--ends");
        if (!int.TryParse(values["--attendees"], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problems.Add($"--attendees '{values["--attendees"]}' is not a whole number (1 to 500).");
        }

        var groupIds = new List<string>();
        var groupService = instance.Services.GetRequiredService<IGroupDirectoryService>();
        foreach (var name in groupNames)
        {
            if (await groupService.FindByDisplayNameAsync(name).ConfigureAwait(false) is { } group)
            {
                groupIds.Add(group.Id);
            }
            else
            {
                problems.Add($"--group: there is no group named '{name}'.");
            }
        }

        var permissionSets = await instance.Services.GetRequiredService<IPermissionSetService>().ListAsync().ConfigureAwait(false);
        var setIds = new List<string>();
        foreach (var name in setNames)
        {
            if (permissionSets.FirstOrDefault(s => s.Name == name) is { } set)
            {
                setIds.Add(set.Id);
            }
            else
            {
                problems.Add($"--permission-set: there is no permission set named '{name}'.");
            }
        }

        var organizations = instance.Services.GetRequiredService<IOrganizationService>();
        string? accountId = null;
        if (values.TryGetValue("--account", out var accountName))
        {
            var accounts = (await organizations.ListAccountsAsync().ConfigureAwait(false)).Where(a => a.Name == accountName).ToList();
            if (accounts.Count == 1)
            {
                accountId = accounts[0].Id;
            }
            else
            {
                problems.Add(accounts.Count == 0 ? $"--account: there is no account named '{accountName}'." : $"--account: several accounts are named '{accountName}'.");
            }
        }

        string? parentId = null;
        if (values.TryGetValue("--parent-ou", out var parentPath))
        {
            var view = await organizations.GetOrganizationAsync().ConfigureAwait(false);
            parentId = view is null ? null : FindUnit(view, parentPath);
            if (parentId is null)
            {
                problems.Add($"--parent-ou: there is no organizational unit at '{parentPath}' (write the path from the root, such as Workloads/Sandbox).");
            }
        }

        if (problems.Count > 0)
        {
            await stderr.WriteLineAsync("identitycenter event create: nothing was created:").ConfigureAwait(false);
            foreach (var problem in problems)
            {
                await stderr.WriteLineAsync("  " + problem).ConfigureAwait(false);
            }

            return 1;
        }

        var input = new WorkshopEventInput(
            values["--name"], starts, ends, count, values["--prefix"], groupIds, setIds,
            flags.Contains("--account-per-attendee") ? WorkshopAccountMode.AccountPerAttendee : WorkshopAccountMode.SharedAccount,
            accountId, parentId,
            flags.Contains("--per-group") ? WorkshopAssignmentScope.PerGroup : WorkshopAssignmentScope.PerAttendee,
            flags.Contains("--with-authenticator"));
        var created = await events.CreateAsync(input, instance.Actor, new StageProgress(stderr)).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return await RefusedAsync(stderr, created).ConfigureAwait(false);
        }

        await stderr.WriteLineAsync($"Created {values["--name"]} ({created.Value!.EventId}) with {created.Value.Cards.Count} attendees.").ConfigureAwait(false);
        return await WriteCardsAsync(values["--name"], created.Value.Cards, values, stdout, stderr).ConfigureAwait(false);
    }

    private static string? FindUnit(OrganizationView view, string path)
    {
        var parent = view.Organization.RootId;
        foreach (var name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            parent = view.OrganizationalUnits.FirstOrDefault(u => u.ParentId == parent && u.Name == name)?.Id;
            if (parent is null)
            {
                return null;
            }
        }

        return parent;
    }

    private static async Task<int> WriteCardsAsync(string eventName, IReadOnlyList<WorkshopCard> cards, Dictionary<string, string> values, TextWriter stdout, TextWriter stderr)
    {
        values.TryGetValue("--out", out var output);
        values.TryGetValue("--portal-url", out var portal);
        var text = output is not null && output.EndsWith(".html", StringComparison.OrdinalIgnoreCase)
            ? CardsHtml(eventName, cards, portal)
            : "UserName\tOneTimePassword" + (cards.Any(c => c.AuthenticatorSecret is not null) ? "\tAuthenticatorSecret" : "") + "\n"
                + string.Concat(cards.Select(c => $"{c.UserName}\t{c.OneTimePassword}{(c.AuthenticatorSecret is null ? "" : "\t" + c.AuthenticatorSecret)}\n"));
        return await CliApp.WriteOutputAsync("event", output, text, stdout, stderr).ConfigureAwait(false);
    }

    /// <summary>A printable page of sign-in cards (A4 and Letter, 8 a sheet).</summary>
    internal static string CardsHtml(string eventName, IReadOnlyList<WorkshopCard> cards, string? portalUrl)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        static string Qr(string text) => IdentityCenter.Infrastructure.Security.QrCodes.Svg(text, 3);

        var secret = cards.Any(c => c.AuthenticatorSecret is not null);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in cards: ").Append(E(eventName)).Append("</title><style>")
            .Append("@page{margin:10mm}body{font-family:sans-serif;margin:0}.sheet{display:grid;grid-template-columns:1fr 1fr;gap:4mm}")
            .Append(".card{border:1px dashed #888;padding:4mm;height:60mm;box-sizing:border-box;break-inside:avoid;overflow:hidden}")
            .Append(".card:nth-child(8n){break-after:page}.pw{font-family:monospace;font-size:14pt}svg{width:28mm;height:28mm;float:right}")
            .Append("@media screen{.note{padding:4mm;background:#ffd}}</style></head><body>");
        if (secret)
        {
            html.Append("<p class=\"note\"><strong>These cards hold authenticator secrets: whoever has a card can sign in. Keep them like passwords and shred the spares.</strong></p>");
        }

        html.Append("<div class=\"sheet\">");
        var portalQr = portalUrl is null ? "" : Qr(portalUrl);
        foreach (var card in cards)
        {
            html.Append("<div class=\"card\">").Append(portalQr)
                .Append("<h3>").Append(E(eventName)).Append("</h3>");
            if (portalUrl is not null)
            {
                html.Append("<p>").Append(E(portalUrl)).Append("</p>");
            }

            html.Append("<p>User name: <span class=\"pw\">").Append(E(card.UserName)).Append("</span></p>")
                .Append("<p>One-time password: <span class=\"pw\">").Append(E(card.OneTimePassword)).Append("</span></p>");
            if (card.AuthenticatorUri is not null)
            {
                html.Append("<p>Authenticator (scan):</p>").Append(Qr(card.AuthenticatorUri));
            }

            html.Append("</div>");
        }

        return html.Append("</div></body></html>\n").ToString();
    }

    private static async Task<int> RefusedAsync(TextWriter stderr, IdentityCenter.Core.Directory.OperationResult result)
    {
        await stderr.WriteLineAsync("identitycenter event: refused: " + string.Join(" ", result.Errors.Select(e => e.ToString()))).ConfigureAwait(false);
        return 1;
    }

    private static async Task<int> UsageErrorAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"identitycenter event: {message} Run 'identitycenter event --help'.").ConfigureAwait(false);
        return 2;
    }

    private sealed class StageProgress(TextWriter stderr) : IProgress<WorkshopEventProgress>
    {
        public void Report(WorkshopEventProgress value) => stderr.WriteLine($"{value.Stage} {value.Done}/{value.Total}");
    }
}
