using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// The playground asks through the same <see cref="AuthorizeService"/> as <c>/api/authorize</c>, authenticated by its
/// own service key (made at start-up, held in memory). It takes the server-side path on purpose: it runs in this
/// process with credentials this process issued to the signed-in user, never receives them from a client, so there
/// is no request to sign and no bare token crosses the network. The bare-token switch of registered services
/// (<see cref="ResourceService.AllowBareTokens"/>, checked by the endpoint) does not apply to it.
/// </summary>
public sealed class PlaygroundAuthorizer(ResourceServiceRegistry services, AuthorizeService authorizer)
{
    public async Task<AuthorizeOutcome> AuthorizeAsync(string accessKeyId, string sessionToken, string action, string resource, CancellationToken cancellationToken = default)
    {
        if (services.PlaygroundKey is not { } key || services.Authenticate(key) is null)
        {
            throw new InvalidOperationException("The playground's service key is not registered; the credentials feature has not started.");
        }

        var context = new RequestContext(24)
            .Set("aws:RequestedRegion", "us-east-1")
            .Set("aws:SecureTransport", "true")
            .Set("aws:ViaAWSService", "false");
        return await authorizer.AuthorizeAsync(new AuthorizeInput(accessKeyId, sessionToken, action, resource, context, Explain: true), cancellationToken);
    }
}
