using System.Globalization;

namespace IdentityCenter.Core.Aws.SigV4;

/// <summary>
/// The errors AWS answers a badly signed request with, worded per dialect exactly as the services do.
/// Credential lookups (which the caller performs) build theirs with <see cref="InvalidAccessKeyId"/>,
/// <see cref="InvalidSecurityToken"/> and <see cref="ExpiredToken"/>.
/// </summary>
public static class SigV4Errors
{
    private const int BadRequest = 400;
    private const int Forbidden = 403;
    private const string S3Malformed = "The authorization header is malformed; ";

    /// <summary>The access key id is not known (or does not belong to the security token presented).</summary>
    public static SigV4Error InvalidAccessKeyId(SigV4Dialect dialect, string accessKeyId) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.InvalidAccessKeyId, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", Forbidden)
        {
            Details = [new("AWSAccessKeyId", accessKeyId)],
        }
        : new(SigV4ErrorReason.InvalidAccessKeyId, "InvalidClientTokenId", "The security token included in the request is invalid.", Forbidden);

    /// <summary>The security token is malformed or tampered (or missing where the access key needs one).</summary>
    public static SigV4Error InvalidSecurityToken(SigV4Dialect dialect) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.InvalidSecurityToken, "InvalidToken", "The provided token is malformed or otherwise invalid.", BadRequest)
        : new(SigV4ErrorReason.InvalidSecurityToken, "InvalidClientTokenId", "The security token included in the request is invalid.", Forbidden);

    /// <summary>The credential's security token has expired.</summary>
    public static SigV4Error ExpiredToken(SigV4Dialect dialect) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.ExpiredToken, "ExpiredToken", "The provided token has expired.", BadRequest)
        : new(SigV4ErrorReason.ExpiredToken, "ExpiredToken", "The security token included in the request is expired", Forbidden);

    internal static SigV4Error MissingAuthentication(SigV4Dialect dialect) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.MissingAuthentication, "AccessDenied", "Access Denied", Forbidden)
        : new(SigV4ErrorReason.MissingAuthentication, "MissingAuthenticationToken", "Request is missing Authentication Token", Forbidden);

    internal static SigV4Error AmbiguousAuthentication(SigV4Dialect dialect) => new(
        SigV4ErrorReason.AmbiguousAuthentication,
        dialect == SigV4Dialect.S3 ? "InvalidArgument" : "IncompleteSignature",
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        BadRequest);

    internal static SigV4Error PresignedNotAccepted(SigV4Dialect dialect) => new(
        SigV4ErrorReason.UnsupportedAuthentication,
        dialect == SigV4Dialect.S3 ? "AccessDenied" : "IncompleteSignature",
        "This endpoint does not accept presigned URLs; sign the request with an Authorization header.",
        dialect == SigV4Dialect.S3 ? Forbidden : BadRequest);

    /// <summary>An Authorization header of another scheme (S3 only; other services list what is missing).</summary>
    internal static SigV4Error S3UnsupportedScheme(string scheme, string header) => string.Equals(scheme, "AWS", StringComparison.Ordinal)
        ? new(SigV4ErrorReason.UnsupportedAuthentication, "InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.", BadRequest)
        : new(SigV4ErrorReason.UnsupportedAuthentication, "InvalidArgument", "Unsupported Authorization Type", BadRequest)
        {
            Details = [new("ArgumentName", "Authorization"), new("ArgumentValue", header)],
        };

    /// <summary>AWS lists every missing part, then echoes the header: "Authorization header requires 'Credential' parameter. ... Authorization=...".</summary>
    internal static SigV4Error HeaderMissingParts(SigV4Dialect dialect, bool credential, bool signature, bool signedHeaders, bool date, string header)
    {
        if (dialect == SigV4Dialect.S3)
        {
            return credential || signature || signedHeaders
                ? new(SigV4ErrorReason.IncompleteSignature, "AuthorizationHeaderMalformed", S3Malformed + "the authorization header requires three components: Credential, SignedHeaders, and Signature.", BadRequest)
                : S3MissingDate();
        }

        var message = string.Concat(
            credential ? "Authorization header requires 'Credential' parameter. " : string.Empty,
            signature ? "Authorization header requires 'Signature' parameter. " : string.Empty,
            signedHeaders ? "Authorization header requires 'SignedHeaders' parameter. " : string.Empty,
            date ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " : string.Empty,
            "Authorization=",
            header);
        return new(SigV4ErrorReason.IncompleteSignature, "IncompleteSignature", message, BadRequest);
    }

    internal static SigV4Error HeaderPairWithoutEquals(SigV4Dialect dialect, string pair, string header) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.IncompleteSignature, "AuthorizationHeaderMalformed", S3Malformed + "the authorization component \"" + pair + "\" is malformed.", BadRequest)
        : new(SigV4ErrorReason.IncompleteSignature, "IncompleteSignature", $"'{pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '{header}'.", BadRequest);

    internal static SigV4Error RepeatedAuthorizationHeader(SigV4Dialect dialect) => new(
        SigV4ErrorReason.IncompleteSignature,
        dialect == SigV4Dialect.S3 ? "InvalidArgument" : "IncompleteSignature",
        "The request has more than one Authorization header; send exactly one.",
        BadRequest);

    internal static SigV4Error QueryMissingParameter(SigV4Dialect dialect, string parameter) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.IncompleteSignature, "AuthorizationQueryParametersError", "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.", BadRequest)
        : new(SigV4ErrorReason.IncompleteSignature, "IncompleteSignature", $"AWS query-string parameters must include '{parameter}'. Re-examine the query-string parameters.", BadRequest);

    internal static SigV4Error QueryUnsupportedAlgorithm(SigV4Dialect dialect, string algorithm) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.UnsupportedAuthentication, "AuthorizationQueryParametersError", "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", BadRequest)
        : new(SigV4ErrorReason.UnsupportedAuthentication, "IncompleteSignature", $"Unsupported AWS 'algorithm': '{algorithm}'. X-Amz-Algorithm only supports 'AWS4-HMAC-SHA256'.", BadRequest);

    internal static SigV4Error QueryBadExpires(SigV4Dialect dialect, string message) => new(
        SigV4ErrorReason.IncompleteSignature,
        dialect == SigV4Dialect.S3 ? "AuthorizationQueryParametersError" : "IncompleteSignature",
        message,
        BadRequest);

    internal static SigV4Error MalformedCredential(SigV4Dialect dialect, bool presigned, string credential)
    {
        if (dialect != SigV4Dialect.S3)
        {
            return new(SigV4ErrorReason.IncompleteSignature, "IncompleteSignature", $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'", BadRequest);
        }

        const string expecting = "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
        return presigned
            ? new(SigV4ErrorReason.IncompleteSignature, "AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; " + expecting, BadRequest)
            : new(SigV4ErrorReason.IncompleteSignature, "AuthorizationHeaderMalformed", S3Malformed + expecting, BadRequest);
    }

    internal static SigV4Error MalformedDate(SigV4Dialect dialect, bool presigned, string value)
    {
        if (dialect != SigV4Dialect.S3)
        {
            return new(SigV4ErrorReason.IncompleteSignature, "IncompleteSignature", $"Date must be in ISO-8601 'basic format'. Got '{value}'. See http://en.wikipedia.org/wiki/ISO_8601", BadRequest);
        }

        return presigned
            ? new(SigV4ErrorReason.IncompleteSignature, "AuthorizationQueryParametersError", "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", BadRequest)
            : S3MissingDate();
    }

    private static SigV4Error S3MissingDate() =>
        new(SigV4ErrorReason.IncompleteSignature, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header", Forbidden);

    internal static SigV4Error ScopeDate(SigV4Dialect dialect, bool presigned, string scopeDate, string timestamp)
    {
        if (dialect != SigV4Dialect.S3)
        {
            return ScopeStandard($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{timestamp[..8]}', from '{timestamp}'.");
        }

        return presigned
            ? new(SigV4ErrorReason.WrongCredentialScope, "AuthorizationQueryParametersError", $"Invalid credential date \"{scopeDate}\". This date is not the same as X-Amz-Date: \"{timestamp[..8]}\".", BadRequest)
            : new(SigV4ErrorReason.WrongCredentialScope, "AuthorizationHeaderMalformed", S3Malformed + "Invalid credential date. Date is not the same as X-Amz-Date.", BadRequest);
    }

    internal static SigV4Error ScopeRegion(SigV4Dialect dialect, bool presigned, string region, string expected) => dialect != SigV4Dialect.S3
        ? ScopeStandard($"Credential should be scoped to a valid region, not '{region}'. ")
        : ScopeS3(presigned, $"the region '{region}' is wrong; expecting '{expected}'") with { Details = [new("Region", expected)] };

    internal static SigV4Error ScopeService(SigV4Dialect dialect, bool presigned, string service, string expected) => dialect != SigV4Dialect.S3
        ? ScopeStandard($"Credential should be scoped to correct service: '{expected}'. ")
        : ScopeS3(presigned, $"incorrect service \"{service}\". This endpoint belongs to \"{expected}\".");

    internal static SigV4Error ScopeTerminator(SigV4Dialect dialect, bool presigned, string terminator) => dialect != SigV4Dialect.S3
        ? ScopeStandard($"Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'. ")
        : ScopeS3(presigned, $"incorrect terminal \"{terminator}\". This endpoint uses \"aws4_request\".");

    private static SigV4Error ScopeStandard(string message) =>
        new(SigV4ErrorReason.WrongCredentialScope, "SignatureDoesNotMatch", message, Forbidden);

    private static SigV4Error ScopeS3(bool presigned, string what) => presigned
        ? new(SigV4ErrorReason.WrongCredentialScope, "AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; " + what, BadRequest)
        : new(SigV4ErrorReason.WrongCredentialScope, "AuthorizationHeaderMalformed", S3Malformed + what, BadRequest);

    internal static SigV4Error HeaderNotSigned(SigV4Dialect dialect, string headerName) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.HeaderNotSigned, "AccessDenied", "There were headers present in the request which were not signed", Forbidden)
        {
            Details = [new("HeadersNotSigned", headerName)],
        }
        : new(SigV4ErrorReason.HeaderNotSigned, "IncompleteSignature", $"'{HeaderDisplayName(headerName)}' must be a 'SignedHeader' in the AWS Authorization.", BadRequest);

    private static string HeaderDisplayName(string lowercase) => lowercase switch
    {
        "host" => "Host",
        "x-amz-date" => "X-Amz-Date",
        "date" => "Date",
        _ => lowercase,
    };

    /// <summary>Header authentication outside the clock skew window: S3's RequestTimeTooSkewed, other services' "Signature expired".</summary>
    internal static SigV4Error Skewed(SigV4Dialect dialect, string timestamp, DateTimeOffset requestTime, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (dialect == SigV4Dialect.S3)
        {
            return new(SigV4ErrorReason.RequestTimeTooSkewed, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", Forbidden)
            {
                Details =
                [
                    new("RequestTime", timestamp),
                    new("ServerTime", IsoExtended(now)),
                    new("MaxAllowedSkewMilliseconds", ((long)maxSkew.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
                ],
            };
        }

        var minutes = ((long)maxSkew.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        var message = requestTime < now
            ? $"Signature expired: {timestamp} is now earlier than {IsoBasic(now - maxSkew)} ({IsoBasic(now)} - {minutes} min.)"
            : $"Signature not yet current: {timestamp} is still later than {IsoBasic(now + maxSkew)} ({IsoBasic(now)} + {minutes} min.)";
        return new(SigV4ErrorReason.RequestTimeTooSkewed, "SignatureDoesNotMatch", message, Forbidden);
    }

    internal static SigV4Error PresignedExpired(SigV4Dialect dialect, int expires, DateTimeOffset expiresAt, DateTimeOffset now) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.PresignedUrlExpired, "AccessDenied", "Request has expired", Forbidden)
        {
            Details =
            [
                new("X-Amz-Expires", expires.ToString(CultureInfo.InvariantCulture)),
                new("Expires", IsoExtended(expiresAt)),
                new("ServerTime", IsoExtended(now)),
            ],
        }
        : new(SigV4ErrorReason.PresignedUrlExpired, "RequestExpired", "Request has expired.", BadRequest);

    internal static SigV4Error PresignedNotYetValid(SigV4Dialect dialect, string timestamp, DateTimeOffset now, TimeSpan maxSkew) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.PresignedUrlNotYetValid, "AccessDenied", "Request is not valid yet", Forbidden)
        : Skewed(dialect, timestamp, now + maxSkew + TimeSpan.FromSeconds(1), now, maxSkew) with { Reason = SigV4ErrorReason.PresignedUrlNotYetValid };

    internal static SigV4Error SignatureDoesNotMatch(SigV4ServicePolicy policy, string accessKeyId, string signatureProvided, string canonicalRequest, string stringToSign)
    {
        if (policy.Dialect == SigV4Dialect.S3)
        {
            return new(SigV4ErrorReason.SignatureDoesNotMatch, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", Forbidden)
            {
                CanonicalRequest = canonicalRequest,
                StringToSign = stringToSign,
                Details =
                [
                    new("AWSAccessKeyId", accessKeyId),
                    new("StringToSign", stringToSign),
                    new("SignatureProvided", signatureProvided),
                    new("StringToSignBytes", SpacedHex(stringToSign)),
                    new("CanonicalRequest", canonicalRequest),
                    new("CanonicalRequestBytes", SpacedHex(canonicalRequest)),
                ],
            };
        }

        const string summary = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
        var message = policy.IncludeCanonicalRequestInMessage
            ? $"{summary}\n\nThe Canonical String for this request should have been\n'{canonicalRequest}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n"
            : summary;
        return new(SigV4ErrorReason.SignatureDoesNotMatch, "SignatureDoesNotMatch", message, Forbidden)
        {
            CanonicalRequest = canonicalRequest,
            StringToSign = stringToSign,
        };
    }

    internal static SigV4Error MissingContentSha256() => new(
        SigV4ErrorReason.InvalidPayloadHash, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256", BadRequest);

    internal static SigV4Error InvalidContentSha256(SigV4Dialect dialect) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.InvalidPayloadHash, "InvalidArgument", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.", BadRequest)
        {
            Details = [new("ArgumentName", "x-amz-content-sha256")],
        }
        : new(SigV4ErrorReason.InvalidPayloadHash, "IncompleteSignature", "x-amz-content-sha256 must be the hex SHA-256 of the request body; only S3 accepts unsigned or streaming payloads.", BadRequest);

    internal static SigV4Error PayloadMismatch(SigV4Dialect dialect, string declared, string computed) => dialect == SigV4Dialect.S3
        ? new(SigV4ErrorReason.PayloadHashMismatch, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", BadRequest)
        {
            Details = [new("ClientComputedContentSHA256", declared), new("S3ComputedContentSHA256", computed)],
        }
        : new(SigV4ErrorReason.PayloadHashMismatch, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided: x-amz-content-sha256 is not the SHA-256 of the request body.", Forbidden);

    internal static string IsoBasic(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string IsoExtended(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>S3's <c>StringToSignBytes</c>: each UTF-8 byte as two lowercase hex digits, space separated.</summary>
    private static string SpacedHex(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return string.Join(' ', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }
}
