using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The real app (real access key store, SigV4 reader, verifier and dispatcher) with the bootstrap administrator given
/// <see cref="BootstrapKeyId"/> from configuration, and a test-only Identity Store at <see cref="Path"/> whose one
/// operations are ListUsers, which answers with the authenticated caller (user name, and key, region and service as display
/// name), and CreateGroup, which creates a group through the console's group service.
/// The product routes (/aws/identitystore, /aws/sso-admin, /aws/organizations) are mapped as well.
/// </summary>
public class AdminApiHost : AwsApiHost
{
    public const string BootstrapKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string BootstrapSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string Path = "/aws/test-identitystore";

    public AdminApiHost()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>The same host with extra configuration settings (e.g. a small administration rate limit).</summary>
    protected AdminApiHost(IReadOnlyDictionary<string, string> settings)
        : base(new Dictionary<string, string>(settings)
        {
            ["IdentityCenter:Bootstrap:AdminAccessKeyId"] = BootstrapKeyId,
            ["IdentityCenter:Bootstrap:AdminSecretAccessKey"] = BootstrapSecret,
        })
    {
    }

    public string IdentityStoreUrl => new Uri(BaseUrl, Path.TrimStart('/')).ToString();

    private static readonly AwsJsonService TestIdentityStore = AwsJsonService.IdentityStore(new Dictionary<string, AwsJsonOperation>
    {
        ["ListUsers"] = call => Task.FromResult(AwsJsonResult.Ok(new
        {
            Users = new[]
            {
                new
                {
                    IdentityStoreId = call.Input.GetProperty("IdentityStoreId").GetString(),
                    UserId = call.Caller.UserId,
                    UserName = call.Caller.UserName,
                    DisplayName = $"{call.Caller.AccessKeyId} {call.Caller.Region} {call.Caller.Service}",
                },
            },
        })),

        // A write through the console's own service, which stores its own audit event (so the call needs no other).
        ["CreateGroup"] = async call =>
        {
            var created = await call.Service<IGroupDirectoryService>().CreateGroupAsync(
                new GroupInput(call.Input.GetProperty("DisplayName").GetString()!, null), call.Actor, call.CancellationToken);
            return created.Succeeded
                ? AwsJsonResult.Ok(new { GroupId = created.Value!.Id, IdentityStoreId = call.Input.GetProperty("IdentityStoreId").GetString() })
                : AwsJsonResult.Fail(new AwsError("ConflictException", created.Summary, 400));
        },
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestServiceStartupFilter>());
    }

    private sealed class TestServiceStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Path.Equals(Path, StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method))
                {
                    await AwsJsonDispatcher.DispatchAsync(context, TestIdentityStore);
                    return;
                }

                await proceed();
            });
            next(app);
        };
    }
}
