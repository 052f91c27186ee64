using System.Net.Sockets;
using System.Text;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Tests.Aws;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>
/// A resource service that stops sending in the middle of an <c>/api/authorize</c> body (over real Kestrel, which then
/// refuses the body with <c>BadHttpRequestException</c>): it gets a 400 saying so, and the server logs no failure.
/// </summary>
public sealed class AuthorizeAbortedBodyTests(AuthorizeAbortedBodyTests.Host host) : IClassFixture<AuthorizeAbortedBodyTests.Host>
{
    /// <summary>The real app on Kestrel with every log entry kept.</summary>
    public sealed class Host : AwsApiHost
    {
        public ListLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task Authorize_ClientClosesItsSideMidBody_StoppedQuietly()
    {
        var (response, failures) = await SendPartialBodyAsync(closeSendingSide: true);

        // Kestrel takes the closed sending side for an aborted request: nothing can be answered any more (or a 400, if it could).
        Assert.True(response.Length == 0 || response.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), response);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Authorize_ClientStopsSendingMidBody_408SayingSoAndNoFailureLogged()
    {
        // Kestrel's minimum request body data rate (240 bytes/s after a 5 s grace period) refuses the stalled body.
        var (response, failures) = await SendPartialBodyAsync(closeSendingSide: false);

        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"InvalidRequest\"", response, StringComparison.Ordinal);
        Assert.Contains("too slowly", response, StringComparison.Ordinal);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// POSTs an authorize request announcing 500 bytes and sends 26; then closes its sending side or just waits. The answer
    /// as received, and the error-level log entries written meanwhile.
    /// </summary>
    private async Task<(string Response, List<string> Failures)> SendPartialBodyAsync(bool closeSendingSide)
    {
        var registry = host.Services.GetRequiredService<ResourceServiceRegistry>();
        var key = (await registry.RegisterAsync("abort-" + Guid.NewGuid().ToString("N")[..8], null, allowBareTokens: true, Actor.System)).Value!.ApiKey;
        int before;
        lock (host.Logs.Entries)
        {
            before = host.Logs.Entries.Count;
        }

        using var client = new TcpClient();
        await client.ConnectAsync(host.BaseUrl.Host, host.BaseUrl.Port);
        var stream = client.GetStream();
        var request = "POST /api/authorize HTTP/1.1\r\n" +
            $"Host: {host.BaseUrl.Authority}\r\n" +
            $"Authorization: Bearer {key}\r\n" +
            "Content-Type: application/json\r\n" +
            "Content-Length: 500\r\n\r\n" +
            "{\"action\":\"s3:GetObject\",";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.FlushAsync();
        if (closeSendingSide)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        string response;
        try
        {
            response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (IOException)
        {
            // The server reset the connection: nothing was answered.
            response = "";
        }

        await Task.Delay(300);
        lock (host.Logs.Entries)
        {
            return (response, host.Logs.Entries.Skip(before).Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Level}: {e.Message} {e.Exception}").ToList());
        }
    }
}
