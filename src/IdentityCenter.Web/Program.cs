using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Web.Hosting;

var command = AdminCommands.Take(ref args);
var workshop = WorkshopSwitch.Take(ref args);
var resetKeyRing = KeyRingSwitch.Take(ref args);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
WorkshopSwitch.Configure(builder, workshop);

// Serve package assets (MudBlazor, blazor.web.js) from build output in every environment, not only
// Development; published output has no runtime manifest, so this is a no-op there.
builder.WebHost.UseStaticWebAssets();

builder.AddIdentityCenterInfrastructure();
builder.AddIdentityCenterWorkshop();
builder.AddIdentityCenterDirectory();
builder.AddIdentityCenterAuthentication();
builder.AddIdentityCenterAccessModel();
builder.AddIdentityCenterCredentials();
builder.AddIdentityCenterAccessKeys();
builder.AddIdentityCenterEvents();
builder.AddIdentityCenterAwsSso();
builder.AddIdentityCenterAwsSts();
builder.AddIdentityCenterAwsS3();
builder.AddIdentityCenterWeb();
builder.AddIdentityCenterProxy();
builder.AddIdentityCenterSecurityHeaders();
builder.AddIdentityCenterRateLimits();

var app = builder.Build();

if (!StartupChecks.Pass(app))
{
    return 1;
}

if (!await StartupChecks.PrepareDatabaseAsync(app) || !await KeyRingSwitch.PrepareAsync(app, resetKeyRing))
{
    return 1;
}

await app.Services.InitializeIdentityCenterDirectoryAsync();
if (workshop != WorkshopSwitch.Mode.None && !await WorkshopSwitch.SeedAsync(app, workshop))
{
    return 1;
}

if (command is not null)
{
    return await command.RunAsync(app);
}

app.UseIdentityCenterProxy();
app.UseIdentityCenterSecurityHeaders();
app.UseIdentityCenterWeb();
await app.RunAsync();
return 0;

public partial class Program;
