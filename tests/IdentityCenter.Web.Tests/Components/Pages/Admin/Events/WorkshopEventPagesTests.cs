using System.IO.Compression;
using System.Security.Claims;
using Bunit;
using IdentityCenter.Core;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Events;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Web.Components.Pages.Admin.Events;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Events;

/// <summary>The workshop event pages: the create form's messages, End asked first, and cards whose QR codes decode.</summary>
public sealed class WorkshopEventPagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateForm_ShowsTheServicesMessagesNextToTheFields()
    {
        var events = new FakeWorkshopEventService();
        await using var ctx = Context(events);
        var page = ctx.Render<EventsPage>();

        page.Find(".field-count input").Change("600");
        page.Find("#event-create").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Enter a name for the event", page.Find(".field-name").TextContent, StringComparison.Ordinal);
            Assert.Contains("1 to 500 attendees (you asked for 600)", page.Find(".field-count").TextContent, StringComparison.Ordinal);
            Assert.Contains("Enter a user-name prefix", page.Find(".field-prefix").TextContent, StringComparison.Ordinal);
        });
        Assert.Single(events.Created);

        // A time the form cannot read is refused before the service is asked.
        page.Find(".field-starts input").Change("next tuesday");
        page.Find("#event-create").Click();
        page.WaitForAssertion(() => Assert.Contains("Enter the start as a date and time in UTC", page.Find(".field-starts").TextContent, StringComparison.Ordinal));
        Assert.Single(events.Created);
    }

    [Fact]
    public async Task EndEvent_AsksFirst_AndEndsOnlyWhenConfirmed()
    {
        var events = new FakeWorkshopEventService();
        await using var ctx = Context(events);
        var provider = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<EventDetailPage>(p => p.Add(x => x.EventId, FakeWorkshopEventService.EventId));

        Assert.Equal($"/admin/events/{FakeWorkshopEventService.EventId}/room", page.Find("#event-room").GetAttribute("href"));
        page.Find("#event-end").Click();
        provider.WaitForAssertion(() => Assert.Contains("stops working within a second", provider.Markup, StringComparison.Ordinal));
        provider.Find(".confirm-dialog-cancel").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".confirm-dialog-confirm")));
        Assert.Equal(0, events.Ended);

        page.Find("#event-end").Click();
        provider.WaitForAssertion(() => Assert.Equal("End event", provider.Find(".confirm-dialog-confirm").TextContent.Trim()));
        provider.Find(".confirm-dialog-confirm").Click();
        page.WaitForAssertion(() => Assert.Equal(1, events.Ended));
        page.WaitForAssertion(() => Assert.Contains("Ended", page.Find(".event-status").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("#event-end"));
    }

    [Fact]
    public async Task Cards_EightASheet_WithQrCodesThatDecode_AndTheSecretWarning()
    {
        var events = new FakeWorkshopEventService();
        await using var ctx = Context(events);
        var cards = Enumerable.Range(1, 10)
            .Select(n => new WorkshopCard($"u-{n}", $"ws{n:000}", $"Otp-{n}-Xy7!abcdEFGH", "JBSWY3DPEHPK3PXP", $"otpauth://totp/IdentityCenter:ws{n:000}?secret=JBSWY3DPEHPK3PXP&issuer=IdentityCenter"))
            .ToList();
        ctx.Services.GetRequiredService<WorkshopCardsHolder>().Keep(FakeWorkshopEventService.EventId, cards);

        var page = ctx.Render<EventCardsPage>(p => p.Add(x => x.EventId, FakeWorkshopEventService.EventId));

        var sheets = page.FindAll(".event-card-sheet");
        Assert.Equal([8, 2], sheets.Select(s => s.QuerySelectorAll(".event-card").Length));
        Assert.Contains("Treat them as secrets", page.Find(".event-cards-secret").TextContent, StringComparison.Ordinal);
        var third = page.FindAll(".event-card")[2];
        Assert.Equal("ws003", third.QuerySelector(".event-card-user")!.TextContent);
        Assert.Equal("Otp-3-Xy7!abcdEFGH", third.QuerySelector(".event-card-password")!.TextContent);
        var url = third.QuerySelector(".event-card-url")!.TextContent;
        Assert.Equal("http://localhost/start", url);
        Assert.Equal(url, DecodeQr(third.QuerySelector(".event-card-portal-qr")!.GetAttribute("src")!));
        Assert.Equal(cards[2].AuthenticatorUri, DecodeQr(third.QuerySelector(".event-card-totp-qr")!.GetAttribute("src")!));

        // The print stylesheet: 8 cards of 93 × 64 mm a sheet, a page break after each sheet, A4 or Letter.
        Assert.Contains("size: A4", page.Markup, StringComparison.Ordinal);
        Assert.Contains("break-after: page", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cards_WithoutCardsInThisCircuit_SayThePasswordsAreShownOnlyOnce()
    {
        await using var ctx = Context(new FakeWorkshopEventService());

        var page = ctx.Render<EventCardsPage>(p => p.Add(x => x.EventId, FakeWorkshopEventService.EventId));

        Assert.Contains("shown only once", page.Find(".event-cards-none").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".event-card"));
    }

    [Fact]
    public async Task SaveAsTemplate_KeepsTheFormsSettingsAndLength_AndShowsTheServicesMessages()
    {
        var templates = new FakeWorkshopEventTemplateService();
        var groups = new FakeGroupDirectoryService();
        groups.AddGroup("g-attendees", "Workshop-Attendees");
        await using var ctx = Context(new FakeWorkshopEventService(), templates, groups);
        var page = ctx.Render<EventsPage>();
        Assert.Contains("No templates yet", page.Find(".event-templates").TextContent, StringComparison.Ordinal);

        // Refused by the service: the messages appear as the create's do (next to the field, or above the buttons).
        page.Find(".field-ends input").Change(page.Find(".field-starts input").GetAttribute("value")!);
        page.Find("#event-template-save").Click();
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Enter a name for the event", page.Find(".field-name").TextContent, StringComparison.Ordinal);
            Assert.Contains(page.FindAll(".event-create-error"), a => a.TextContent.Contains("An event template lasts 1 to", StringComparison.Ordinal));
        });
        Assert.Empty(templates.Templates);

        page.Find(".field-name input").Change("IAM basics");
        page.Find(".field-prefix input").Change("iam-");
        page.Find(".field-count input").Change("12");
        page.Find(".field-starts input").Change("2026-12-08T09:00");
        page.Find(".field-ends input").Change("2026-12-08T15:30");
        await page.InvokeAsync(() => Select(page, "field-groups").Instance.SelectedValuesChanged.InvokeAsync(["g-attendees"]));
        page.Find("#event-template-save").Click();

        page.WaitForAssertion(() => Assert.Contains("Saved the template IAM basics (7 h)", page.Find(".event-template-message").TextContent, StringComparison.Ordinal));
        var saved = Assert.Single(templates.Templates);
        Assert.Equal(("IAM basics", 12, "iam-", 7), (saved.Name, saved.AttendeeCount, saved.UserNamePrefix, saved.DurationHours));
        Assert.Equal(new[] { "g-attendees" }, saved.GroupIds.ToArray());
    }

    [Fact]
    public async Task StartFromTemplate_FillsTheForm_EndFollowsTheStart_AndDeleteAsksFirst()
    {
        var templates = new FakeWorkshopEventTemplateService();
        var groups = new FakeGroupDirectoryService();
        groups.AddGroup("g-attendees", "Workshop-Attendees");
        templates.Templates.Add(new WorkshopEventTemplate(
            "evtt-1", "Least privilege lab", 24, "lp-", 6, ["g-attendees", "g-deleted"], [], WorkshopAccountMode.AccountPerAttendee, null, null,
            WorkshopAssignmentScope.PerAttendee, true, Now, "admin"));
        await using var ctx = Context(new FakeWorkshopEventService(), templates, groups);
        var provider = ctx.Render<MudDialogProvider>();
        var page = ctx.Render<EventsPage>();
        Assert.Equal("Start from template", page.Find(".field-template label").TextContent.Trim());

        page.Find(".field-starts input").Change("2026-12-09T08:00");
        await page.InvokeAsync(() => Select(page, "field-template").Instance.ValueChanged.InvokeAsync("evtt-1"));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Least privilege lab", page.Find(".field-name input").GetAttribute("value"));
            Assert.Equal("lp-", page.Find(".field-prefix input").GetAttribute("value"));
            Assert.Equal("24", page.Find(".field-count input").GetAttribute("value"));
            Assert.Equal("2026-12-09T14:00", page.Find(".field-ends input").GetAttribute("value"));
            Assert.NotEmpty(page.FindAll(".field-parent"));
            Assert.Contains("holds the template Least privilege lab", page.Find(".event-template-message").TextContent, StringComparison.Ordinal);
        });

        // A group deleted since is not put into the form.
        Assert.Equal("Workshop-Attendees", page.Find(".field-groups input").GetAttribute("value"));

        page.Find("#event-template-delete").Click();
        provider.WaitForAssertion(() => Assert.Contains("Delete the event template Least privilege lab?", provider.Markup, StringComparison.Ordinal));
        provider.Find(".confirm-dialog-cancel").Click();
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".confirm-dialog-confirm")));
        Assert.Empty(templates.Deleted);

        page.Find("#event-template-delete").Click();
        provider.WaitForAssertion(() => Assert.Equal("Delete template", provider.Find(".confirm-dialog-confirm").TextContent.Trim()));
        provider.Find(".confirm-dialog-confirm").Click();
        page.WaitForAssertion(() => Assert.Contains("Deleted the template Least privilege lab", page.Find(".event-template-message").TextContent, StringComparison.Ordinal));
        Assert.Equal(new[] { "evtt-1" }, templates.Deleted.ToArray());
        Assert.Empty(templates.Templates);
    }

    private static IRenderedComponent<MudSelect<string>> Select(IRenderedComponent<EventsPage> page, string cssClass) =>
        page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Class == cssClass);

    private static BunitContext Context(FakeWorkshopEventService events, FakeWorkshopEventTemplateService? templates = null, FakeGroupDirectoryService? groups = null) => BunitTestContext.Create(c =>
    {
        c.AddAuthorization().SetAuthorized("admin").SetClaims(new Claim(ClaimTypes.NameIdentifier, "u-admin"));
        c.Services.AddSingleton<IWorkshopEventService>(events);
        c.Services.AddSingleton<IWorkshopEventTemplateService>(templates ?? new FakeWorkshopEventTemplateService());
        c.Services.AddSingleton<IGroupDirectoryService>(groups ?? new FakeGroupDirectoryService());
        c.Services.AddSingleton<IPermissionSetService>(new FakePermissionSetService());
        c.Services.AddSingleton<IOrganizationService>(new FakeOrganizationService());
        c.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
    });

    /// <summary>Decodes the QR code in a PNG data URI with ZXing.Net (the PNG read here: 8-bit or 1-bit, grey or palette, as QRCoder writes).</summary>
    private static string DecodeQr(string dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUri, StringComparison.Ordinal);
        var (gray, width, height) = ReadPng(Convert.FromBase64String(dataUri[prefix.Length..]));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8)));
        var result = new QRCodeReader().decode(bitmap, new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.TRY_HARDER] = true });
        Assert.NotNull(result);
        return result.Text;
    }

    private static (byte[] Gray, int Width, int Height) ReadPng(byte[] png)
    {
        var width = 0;
        var height = 0;
        var depth = 0;
        var colorType = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = (data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
                    height = (data[4] << 24) | (data[5] << 16) | (data[6] << 8) | data[7];
                    depth = data[8];
                    colorType = data[9];
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        Assert.True(colorType is 0 or 3, $"PNG colour type {colorType}");
        var channels = 1;
        var stride = (width * depth * channels + 7) / 8;
        var bpp = Math.Max(1, depth * channels / 8);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var previous = new byte[stride];
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                var left = i >= bpp ? line[i - bpp] : 0;
                var up = previous[i];
                var upLeft = i >= bpp ? previous[i - bpp] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var sample = depth == 8 ? line[x] : (line[x * depth / 8] >> (8 - depth - (x * depth % 8))) & ((1 << depth) - 1);
                gray[y * width + x] = colorType == 3
                    ? palette![sample * 3] // the palette's red stands for the colour (QRCoder writes black and white)
                    : (byte)(sample * 255 / ((1 << depth) - 1));
            }

            previous = line;
        }

        return (gray, width, height);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>One running event with three attendees; validates creates with the real form rules; counts End calls.</summary>
    private sealed class FakeWorkshopEventService : IWorkshopEventService
    {
        public const string EventId = "evt-0123456789abcdef";

        private DateTimeOffset? _endedAt;

        public List<WorkshopEventInput> Created { get; } = [];

        public int Ended { get; private set; }

        public Task<OperationResult<WorkshopEventCreated>> CreateAsync(WorkshopEventInput input, Actor actor, IProgress<WorkshopEventProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Created.Add(input);
            var errors = WorkshopEventRules.Validate(input.Name, input.StartsAt, input.EndsAt, Now, input.AttendeeCount, input.UserNamePrefix);
            return Task.FromResult(errors.Count > 0
                ? OperationResult.Invalid(errors).As<WorkshopEventCreated>()
                : OperationResult.Ok(new WorkshopEventCreated(EventId, [])));
        }

        public Task<IReadOnlyList<WorkshopEventSummary>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<WorkshopEventSummary>>([]);

        public Task<WorkshopEventDetail?> GetAsync(string eventId, CancellationToken cancellationToken = default) =>
            Task.FromResult<WorkshopEventDetail?>(eventId != EventId ? null : new WorkshopEventDetail(
                EventId, "IAM workshop", Now, Now.AddHours(8), _endedAt, "ws", [], [],
                [new("u-1", "ws001", null), new("u-2", "ws002", null), new("u-3", "ws003", null)],
                WorkshopAccountMode.SharedAccount, "222233334444", null, WorkshopAssignmentScope.PerAttendee, false, Now, "admin", null));

        public Task<OperationResult<IReadOnlyList<WorkshopCard>>> RegenerateCardsAsync(string eventId, IReadOnlyCollection<string>? userIds, bool withAuthenticator, Actor actor, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<OperationResult> EndAsync(string eventId, Actor actor, CancellationToken cancellationToken = default)
        {
            Ended++;
            _endedAt = Now;
            return Task.FromResult(OperationResult.Success);
        }

        public Task<OperationResult> DeleteAsync(string eventId, Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
