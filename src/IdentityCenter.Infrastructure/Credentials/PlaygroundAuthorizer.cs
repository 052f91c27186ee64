using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>
/// The playground asks exactly as a resource service does: it authenticates with its own service key
/// (registered at start-up) and goes through the same <see cref="AuthorizeService"/> as <c>/api/authorize</c>.
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
