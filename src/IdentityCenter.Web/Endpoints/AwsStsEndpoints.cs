using System.Text;
using System.Xml;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Aws;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// AWS Security Token Service at <c>/aws/sts</c>, wire-compatible with the SDKs' <c>sts</c> 2011-06-15 model
/// (query protocol: <c>Action=…&amp;Version=2011-06-15</c> in a form POST or a GET query; XML answers in the
/// model's namespace). Every call is signed with Signature Version 4 using credentials IdentityCenter issued
/// (<see cref="AwsRequestAuthenticator"/>). Operations: <c>GetCallerIdentity</c>, <c>GetAccessKeyInfo</c> and
/// <c>DecodeAuthorizationMessage</c> (the messages of <c>/api/authorize</c> denials, <see cref="AuthorizationMessageProtector"/>);
/// any other action is <c>InvalidAction</c>. Failures use STS's <c>ErrorResponse</c> shape and status codes.
/// </summary>
public static class AwsStsEndpoints
{
    public const string Prefix = "/aws/sts";
    public const string Version = "2011-06-15";
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static readonly SigV4ServicePolicy Sts = AwsRequestAuthenticator.Policy("sts");

    public static IEndpointRouteBuilder MapAwsStsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(Prefix, [HttpMethods.Get, HttpMethods.Post], HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext http, AwsRequestAuthenticator authenticator, AuthorizeService authorizer, AuthorizationMessageProtector messages)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers[AwsSsoEndpoints.RequestIdHeader] = requestId;

        // The signature covers the body, so it is read (and buffered) before the form is parsed.
        var authentication = await authenticator.AuthenticateAsync(http.Request, Sts, http.RequestAborted);
        var parameters = await ParametersAsync(http, authentication);
        var action = parameters.GetValueOrDefault("Action");
        var version = parameters.GetValueOrDefault("Version");
        if (string.IsNullOrEmpty(action))
        {
            await WriteErrorAsync(http, requestId, new AwsError("MissingAction", "The request must name an operation: Action=GetCallerIdentity&Version=2011-06-15.", StatusCodes.Status400BadRequest));
            return;
        }

        if (version != Version || action is not ("GetCallerIdentity" or "GetAccessKeyInfo" or "DecodeAuthorizationMessage"))
        {
            await WriteErrorAsync(http, requestId, new AwsError("InvalidAction", $"Could not find operation {action} for version {version ?? "NO_VERSION_SPECIFIED"}", StatusCodes.Status400BadRequest));
            return;
        }

        if (authentication.Caller is not { } caller)
        {
            await WriteErrorAsync(http, requestId, authentication.Error!);
            return;
        }

        switch (action)
        {
            case "GetCallerIdentity":
                // No permission is needed (AWS: the same facts are in any AccessDenied message).
                var session = caller.ToRoleSession();
                await WriteResultAsync(http, requestId, action, [("Arn", session.AssumedRoleArn), ("UserId", session.AwsUserId), ("Account", caller.AccountId)]);
                return;
            case "GetAccessKeyInfo":
                await GetAccessKeyInfoAsync(http, requestId, authentication, parameters.GetValueOrDefault("AccessKeyId"), authorizer);
                return;
            case "DecodeAuthorizationMessage":
                await DecodeAuthorizationMessageAsync(http, requestId, authentication, parameters.GetValueOrDefault("EncodedMessage"), authorizer, messages);
                return;
        }
    }

    private static async Task GetAccessKeyInfoAsync(HttpContext http, string requestId, AwsAuthentication authentication, string? accessKeyId, AuthorizeService authorizer)
    {
        if (string.IsNullOrEmpty(accessKeyId))
        {
            await WriteErrorAsync(http, requestId, new AwsError("MissingParameter", "The request must contain the parameter AccessKeyId.", StatusCodes.Status400BadRequest));
            return;
        }

        if (AccessKeys.AccountOf(accessKeyId) is not { } account)
        {
            await WriteErrorAsync(http, requestId, new AwsError("ValidationError", $"1 validation error detected: Value '{accessKeyId}' at 'accessKeyId' failed to satisfy constraint: Member must be an access key id (a 4-letter prefix and 16 characters of [A-Z2-7]).", StatusCodes.Status400BadRequest));
            return;
        }

        if (await PermittedAsync(http, requestId, authentication, "sts:GetAccessKeyInfo", authorizer))
        {
            await WriteResultAsync(http, requestId, "GetAccessKeyInfo", [("Account", account)]);
        }
    }

    private static async Task DecodeAuthorizationMessageAsync(HttpContext http, string requestId, AwsAuthentication authentication, string? encodedMessage, AuthorizeService authorizer, AuthorizationMessageProtector messages)
    {
        if (string.IsNullOrEmpty(encodedMessage))
        {
            await WriteErrorAsync(http, requestId, new AwsError("MissingParameter", "The request must contain the parameter EncodedMessage.", StatusCodes.Status400BadRequest));
            return;
        }

        if (!await PermittedAsync(http, requestId, authentication, "sts:DecodeAuthorizationMessage", authorizer))
        {
            return;
        }

        // Only messages about requests of the caller's own account open (the account is part of the sealing purpose).
        var opened = messages.Open(authentication.Caller!.AccountId, encodedMessage);
        if (!opened.Succeeded)
        {
            await WriteErrorAsync(http, requestId, new AwsError("InvalidAuthorizationMessageException", opened.Error!, StatusCodes.Status400BadRequest));
            return;
        }

        await WriteResultAsync(http, requestId, "DecodeAuthorizationMessage", [("DecodedMessage", opened.DecodedMessage!)]);
    }

    /// <summary>
    /// The permission check of an STS action that needs one: the caller's policies, through the same
    /// <see cref="AuthorizeService"/> (and evaluator) as <c>/api/authorize</c>, for <paramref name="action"/> on <c>*</c>.
    /// False when refused, with the error written (<c>AccessDenied</c>, or <c>InvalidClientTokenId</c> for credentials gone since).
    /// </summary>
    private static async Task<bool> PermittedAsync(HttpContext http, string requestId, AwsAuthentication authentication, string action, AuthorizeService authorizer)
    {
        // The credentials were validated (authentic, unexpired, not revoked) by the SigV4 authentication of this request.
        var caller = authentication.Caller!;
        var authorization = authentication.Verification!.Authorization;
        var origin = RequestOrigin.From(http);
        var decision = await authorizer.AuthorizeValidatedAsync(
            caller,
            new AuthorizeInput(caller.AccessKeyId, authorization.SecurityToken!, action, "*", AwsRequestKeys.Add(null, http, origin, authorization.Region),
                SourceIpAddress: origin.SourceIpAddress),
            http.RequestAborted);
        if (decision.Error is { } credentialError)
        {
            await WriteErrorAsync(http, requestId, new AwsError("InvalidClientTokenId", credentialError.Message, StatusCodes.Status403Forbidden));
            return false;
        }

        if (!decision.Allowed)
        {
            await WriteErrorAsync(http, requestId, new AwsError("AccessDenied", $"User: {decision.Principal!.Arn} is not authorized to perform: {action}", StatusCodes.Status403Forbidden));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The query-protocol parameters: the query string, then a form-urlencoded body (when it was read whole).
    /// Parsed leniently, as text: a malformed body gives missing parameters, never an exception.
    /// </summary>
    private static async Task<Dictionary<string, string>> ParametersAsync(HttpContext http, AwsAuthentication authentication)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in http.Request.Query)
        {
            parameters[key] = value.ToString();
        }

        if (authentication.BodyRead && MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            foreach (var (key, value) in QueryHelpers.ParseQuery(await reader.ReadToEndAsync(http.RequestAborted)))
            {
                parameters[key] = value.ToString();
            }
        }

        return parameters;
    }

    private static Task WriteResultAsync(HttpContext http, string requestId, string action, IReadOnlyList<(string Name, string Value)> members) =>
        WriteXmlAsync(http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartElement(action + "Response", Namespace);
            writer.WriteStartElement(action + "Result", Namespace);
            foreach (var (name, value) in members)
            {
                writer.WriteElementString(name, Namespace, value);
            }

            writer.WriteEndElement();
            writer.WriteStartElement("ResponseMetadata", Namespace);
            writer.WriteElementString("RequestId", Namespace, requestId);
            writer.WriteEndElement();
            writer.WriteEndElement();
        });

    /// <summary>STS's error shape: <c>ErrorResponse/Error/{Type,Code,Message}</c> and <c>RequestId</c>, with the error's status.</summary>
    public static Task WriteErrorAsync(HttpContext http, string requestId, AwsError error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        return WriteXmlAsync(http, error.StatusCode, writer =>
        {
            writer.WriteStartElement("ErrorResponse", Namespace);
            writer.WriteStartElement("Error", Namespace);
            writer.WriteElementString("Type", Namespace, error.SenderFault ? "Sender" : "Receiver");
            writer.WriteElementString("Code", Namespace, error.Code);
            writer.WriteElementString("Message", Namespace, error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", Namespace, requestId);
            writer.WriteEndElement();
        });
    }

    private static async Task WriteXmlAsync(HttpContext http, int status, Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            write(writer);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}
