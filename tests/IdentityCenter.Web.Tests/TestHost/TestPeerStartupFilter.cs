using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>
/// The in-memory test server has no network peer: a request names the address it comes from in
/// <c>X-Test-Peer</c>, set before anything else in the pipeline (as Kestrel would set the connection's address).
/// </summary>
internal sealed class TestPeerStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
            {
                context.Connection.RemoteIpAddress = peer;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
