using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.ObjectStorage;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.S3;
using IdentityCenter.Web.Aws;
using IdentityCenter.Web.Aws.S3;
using Microsoft.AspNetCore.WebUtilities;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// A demo object store at <c>/aws/s3</c> speaking a subset of the Amazon S3 REST API (2006-03-01 model, path-style
/// addressing: <c>/aws/s3/{bucket}/{key}</c>): ListBuckets, CreateBucket, ListObjectsV2, Get/Put/Head/DeleteObject, HeadBucket and
/// Get/PutBucketPolicy (<c>?policy</c>), with S3's XML bodies, error XML and headers. Every request is signed with
/// Signature Version 4 by role credentials IdentityCenter issued (<see cref="AwsRequestAuthenticator"/>, S3 dialect:
/// <c>x-amz-content-sha256</c>, presigned URLs, aws-chunked uploads through <see cref="S3PayloadReader"/>) and decided by
/// the same <see cref="AuthorizeService"/> (and evaluator) as <c>/api/authorize</c>, with the bucket policy as the
/// resource-based policy and the bucket's account as the resource's (cross-account access, RCPs). Storage: <see cref="S3ObjectStore"/>.
/// </summary>
public static class AwsS3Endpoints
{
    public const string Prefix = "/aws/s3";
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";
    public const string RequestIdHeader = "x-amz-request-id";

    /// <summary>S3's signing rules (signing name <c>s3</c>, every commercial region, AWS's 15 minutes of clock skew).</summary>
    private static readonly SigV4ServicePolicy S3 = new("s3", AwsRequestAuthenticator.Regions, SigV4Dialect.S3);

    private const int MaxKeysLimit = 1000;

    public static IEndpointRouteBuilder MapAwsS3Endpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        string[] methods = [HttpMethods.Get, HttpMethods.Put, HttpMethods.Head, HttpMethods.Delete, HttpMethods.Post];
        endpoints.MapMethods(Prefix, methods, HandleAsync).DisableAntiforgery();
        endpoints.MapMethods(Prefix + "/{**rest}", methods, HandleAsync).DisableAntiforgery();
        return endpoints;
    }

    /// <summary>One request: its caller, what it addresses, and the services that answer it.</summary>
    private sealed record S3Call(HttpContext Http, SessionClaims Caller, SigV4Verification Verification, S3ObjectStore Store, AuthorizeService Authorizer)
    {
        public CancellationToken Aborted => Http.RequestAborted;

        /// <summary>Where the request came from, read once (the condition keys and the audit both use it).</summary>
        public RequestOrigin Origin { get; } = RequestOrigin.From(Http);
    }

    private static async Task HandleAsync(HttpContext http, AwsRequestAuthenticator authenticator, AuthorizeService authorizer, S3ObjectStore store)
    {
        Span<byte> ids = stackalloc byte[8 + 24];
        RandomNumberGenerator.Fill(ids);
        var requestId = Convert.ToHexString(ids[..8]);
        http.Response.Headers[RequestIdHeader] = requestId;
        http.Response.Headers["x-amz-id-2"] = Convert.ToBase64String(ids[8..]);
        var (bucket, key) = Address(http.Request);

        // A declared size over the limit is refused before the body is read.
        var declared = long.TryParse(http.Request.Headers["x-amz-decoded-content-length"], NumberStyles.None, CultureInfo.InvariantCulture, out var decoded) ? decoded : http.Request.ContentLength;
        if (HttpMethods.IsPut(http.Request.Method) && declared > store.MaxObjectBytes)
        {
            await WriteErrorAsync(http, requestId, S3Error.EntityTooLarge(declared.Value, store.MaxObjectBytes));
            return;
        }

        var query = http.Request.QueryString.Value;
        if (S3QueryKeys.Contains(query, "AWSAccessKeyId") && S3QueryKeys.Contains(query, "Signature"))
        {
            // A Signature Version 2 presigned URL (boto3 presigns so unless told signature_version="s3v4"), as S3 answers it in regions opened after 2014.
            await WriteErrorAsync(http, requestId, S3Error.InvalidRequest("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256 (boto3: Config(signature_version=\"s3v4\"))."));
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(http.Request, S3, store.MaxObjectBytes, http.RequestAborted);
        if (authentication.Caller is not { } caller)
        {
            await WriteErrorAsync(http, requestId, authentication.SignatureError is { } refused
                ? S3Error.From(refused)
                : new S3Error(authentication.Error!.Code, authentication.Error.Message, authentication.Error.StatusCode));
            return;
        }

        var call = new S3Call(http, caller, authentication.Verification!, store, authorizer);
        var method = http.Request.Method;
        var error = (bucket, key) switch
        {
            (null, _) when HttpMethods.IsGet(method) => await ListBucketsAsync(call, requestId),
            (not null, null) when HttpMethods.IsGet(method) && S3QueryKeys.Contains(query, "policy") => await GetBucketPolicyAsync(call, bucket),
            (not null, null) when HttpMethods.IsPut(method) && S3QueryKeys.Contains(query, "policy") => await PutBucketPolicyAsync(call, bucket),
            (not null, null) when S3QueryKeys.Contains(query, "policy") => MethodNotAllowed(method),
            (not null, null) when Subresource(query) is { } other => NotImplemented(other),
            (not null, null) when HttpMethods.IsPut(method) => await CreateBucketAsync(call, bucket),
            (not null, null) when HttpMethods.IsGet(method) => await ListObjectsV2Async(call, bucket, requestId),
            (not null, null) when HttpMethods.IsHead(method) => await HeadBucketAsync(call, bucket),
            (not null, not null) when Subresource(query) is { } other => NotImplemented(other),
            (not null, not null) when HttpMethods.IsPut(method) => await PutObjectAsync(call, bucket, key),
            (not null, not null) when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) => await GetObjectAsync(call, bucket, key, HttpMethods.IsHead(method)),
            (not null, not null) when HttpMethods.IsDelete(method) => await DeleteObjectAsync(call, bucket, key),
            _ => MethodNotAllowed(method),
        };

        if (error is not null)
        {
            await WriteErrorAsync(http, requestId, error);
        }
    }

    /// <summary>The bucket and key a path-style request addresses; the key exactly as sent (percent-decoded once), from the raw target.</summary>
    private static (string? Bucket, string? Key) Address(HttpRequest request)
    {
        var rawPath = SigV4HttpRequestReader.RawPath(request);
        var start = rawPath.IndexOf(Prefix, StringComparison.Ordinal);
        var rest = start < 0 ? string.Empty : rawPath[(start + Prefix.Length)..].TrimStart('/');
        if (rest.Length == 0)
        {
            return (null, null);
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
        var key = slash < 0 || slash == rest.Length - 1 ? null : Uri.UnescapeDataString(rest[(slash + 1)..]);
        return (bucket, key);
    }

    /// <summary>A subresource this store does not implement (<c>?acl</c>, <c>?tagging</c>, ...), named so the caller knows.</summary>
    private static string? Subresource(string? rawQuery) => S3QueryKeys.FirstUnknown(rawQuery, HandledQueryKeys, "response-");

    /// <summary>The query parameters the implemented operations read (or presigned URLs carry).</summary>
    private static readonly FrozenSet<string> HandledQueryKeys = new[]
    {
        "list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner", "x-id",
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static S3Error NotImplemented(string subresource) =>
        new("NotImplemented", $"A header or query you provided implies functionality that is not implemented: this demo store does not implement ?{subresource}. It supports ListBuckets, CreateBucket, ListObjectsV2, GetObject, PutObject, HeadObject, DeleteObject and Get/PutBucketPolicy.", StatusCodes.Status501NotImplemented);

    private static S3Error MethodNotAllowed(string method) =>
        new("MethodNotAllowed", $"The specified method is not allowed against this resource.", StatusCodes.Status405MethodNotAllowed) { Details = [new("Method", method), new("ResourceType", "OBJECT")] };

    /// <summary>
    /// The permission check of one S3 action, through <see cref="AuthorizeService"/> (the evaluator, audit and Access Advisor
    /// of <c>/api/authorize</c>): the caller's permission set, SCPs and RCPs, and the bucket's policy as the resource-based
    /// policy of a resource owned by the bucket's account. Null when allowed; AccessDenied (or the credential error) when not.
    /// </summary>
    private static async Task<S3Error?> AuthorizeAsync(S3Call call, string action, string resource, S3Bucket? bucket, RequestContext? keys = null)
    {
        var policy = bucket is null ? null : await call.Store.GetCompiledBucketPolicyAsync(bucket.Name, call.Aborted);
        // The credentials were validated (authentic, unexpired, not revoked) by the SigV4 authentication of this request.
        var decision = await call.Authorizer.AuthorizeValidatedAsync(
            call.Caller,
            new AuthorizeInput(call.Caller.AccessKeyId, call.Verification.Authorization.SecurityToken!, action, resource,
                AwsRequestKeys.Add(keys, call.Http, call.Origin, call.Verification.Authorization.Region),
                SourceIpAddress: call.Origin.SourceIpAddress, ResourcePolicy: policy, ResourceAccount: bucket?.OwnerAccountId),
            call.Aborted);
        if (decision.Error is { } credentialError)
        {
            return credentialError.Code == CredentialErrorCode.ExpiredToken
                ? new S3Error("ExpiredToken", "The provided token has expired.", StatusCodes.Status400BadRequest)
                : new S3Error("InvalidToken", credentialError.Message, StatusCodes.Status400BadRequest);
        }

        return decision.Allowed
            ? null
            : S3Error.AccessDenied($"User: {decision.Principal!.Arn} is not authorized to perform: {action} on resource: \"{resource}\"");
    }

    private static async Task<S3Error?> ListBucketsAsync(S3Call call, string requestId)
    {
        if (await AuthorizeAsync(call, "s3:ListAllMyBuckets", "*", null) is { } denied)
        {
            return denied;
        }

        var buckets = await call.Store.ListBucketsAsync(call.Caller.AccountId, call.Aborted);
        await WriteXmlAsync(call.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartElement("ListAllMyBucketsResult", Namespace);
            writer.WriteStartElement("Owner", Namespace);
            writer.WriteElementString("ID", Namespace, CanonicalUserId(call.Caller.AccountId));
            writer.WriteEndElement();
            writer.WriteStartElement("Buckets", Namespace);
            foreach (var bucket in buckets)
            {
                writer.WriteStartElement("Bucket", Namespace);
                writer.WriteElementString("Name", Namespace, bucket.Name);
                writer.WriteElementString("CreationDate", Namespace, Timestamp(bucket.CreatedAt));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        return null;
    }

    private static async Task<S3Error?> CreateBucketAsync(S3Call call, string bucket)
    {
        if (S3BucketNames.Problem(bucket) is { } problem)
        {
            return new S3Error("InvalidBucketName", "The specified bucket is not valid. " + problem, StatusCodes.Status400BadRequest) { Details = [new("BucketName", bucket)] };
        }

        if (await AuthorizeAsync(call, "s3:CreateBucket", S3BucketNames.Arn(bucket), null) is { } denied)
        {
            return denied;
        }

        switch (await call.Store.CreateBucketAsync(bucket, call.Caller.AccountId, call.Aborted))
        {
            case S3CreateBucketOutcome.AlreadyOwnedByYou:
                return new S3Error("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", StatusCodes.Status409Conflict) { Details = [new("BucketName", bucket)] };
            case S3CreateBucketOutcome.AlreadyExists:
                return new S3Error("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", StatusCodes.Status409Conflict) { Details = [new("BucketName", bucket)] };
        }

        call.Http.Response.Headers.Location = "/" + bucket;
        call.Http.Response.ContentLength = 0;
        return null;
    }

    /// <summary>HeadBucket: 200 when the bucket exists and the caller may list it (s3:ListBucket, as the reference says), else 404 or 403 (no body).</summary>
    private static async Task<S3Error?> HeadBucketAsync(S3Call call, string name)
    {
        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        return await AuthorizeAsync(call, "s3:ListBucket", S3BucketNames.Arn(name), bucket);
    }

    private static async Task<S3Error?> GetBucketPolicyAsync(S3Call call, string name)
    {
        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        if (await AuthorizeAsync(call, "s3:GetBucketPolicy", S3BucketNames.Arn(name), bucket) is { } denied)
        {
            return denied;
        }

        if (bucket.OwnerAccountId != call.Caller.AccountId)
        {
            // AWS: only identities of the bucket owner's account may read or change its policy.
            return MethodNotAllowed(call.Http.Request.Method);
        }

        if (await call.Store.GetBucketPolicyAsync(name, call.Aborted) is not { } policy)
        {
            return new S3Error("NoSuchBucketPolicy", "The bucket policy does not exist", StatusCodes.Status404NotFound) { Details = [new("BucketName", name)] };
        }

        var body = Encoding.UTF8.GetBytes(policy);
        call.Http.Response.ContentType = "application/json";
        call.Http.Response.ContentLength = body.Length;
        await call.Http.Response.Body.WriteAsync(body, call.Aborted);
        return null;
    }

    private static async Task<S3Error?> PutBucketPolicyAsync(S3Call call, string name)
    {
        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        if (await AuthorizeAsync(call, "s3:PutBucketPolicy", S3BucketNames.Arn(name), bucket) is { } denied)
        {
            return denied;
        }

        if (bucket.OwnerAccountId != call.Caller.AccountId)
        {
            return MethodNotAllowed(call.Http.Request.Method);
        }

        var (content, error) = await S3PayloadReader.ReadAsync(call.Http.Request, call.Verification, call.Store.MaxObjectBytes, call.Aborted);
        if (error is not null)
        {
            return error;
        }

        var problems = await call.Store.PutBucketPolicyAsync(name, Encoding.UTF8.GetString(content!), call.Aborted);
        if (problems.Count > 0)
        {
            return new S3Error("MalformedPolicy", string.Join(" ", problems.Select(p => p.Message)), StatusCodes.Status400BadRequest);
        }

        call.Http.Response.StatusCode = StatusCodes.Status204NoContent;
        return null;
    }

    private static async Task<S3Error?> ListObjectsV2Async(S3Call call, string name, string requestId)
    {
        var query = call.Http.Request.Query;
        if (query["list-type"] != "2")
        {
            return new S3Error("NotImplemented", "This demo store lists objects with ListObjectsV2 only (list-type=2), as the AWS CLI and current SDKs do.", StatusCodes.Status501NotImplemented);
        }

        var maxKeysText = query["max-keys"].ToString();
        var maxKeys = MaxKeysLimit;
        if (maxKeysText.Length > 0 && (!int.TryParse(maxKeysText, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys)))
        {
            return S3Error.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", maxKeysText);
        }

        maxKeys = Math.Min(maxKeys, MaxKeysLimit);
        var encodingType = query["encoding-type"].ToString();
        if (encodingType.Length > 0 && encodingType != "url")
        {
            return S3Error.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
        }

        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var token = query["continuation-token"].ToString();
        var startAfter = query["start-after"].ToString();
        string? resume = null;
        if (token.Length > 0 && !TryOpenToken(token, out resume))
        {
            return S3Error.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }

        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        var keys = new RequestContext(3);
        if (query.ContainsKey("prefix"))
        {
            keys.Set("s3:prefix", prefix);
        }

        if (query.ContainsKey("delimiter"))
        {
            keys.Set("s3:delimiter", delimiter);
        }

        if (maxKeysText.Length > 0)
        {
            keys.Set("s3:max-keys", maxKeysText);
        }

        if (await AuthorizeAsync(call, "s3:ListBucket", S3BucketNames.Arn(name), bucket, keys) is { } denied)
        {
            return denied;
        }

        // Keys after the resume point (the last key or common prefix of the previous page) or start-after.
        var after = resume ?? startAfter;
        var contents = new List<S3ObjectInfo>();
        var prefixes = new List<string>();
        string? last = null;
        var truncated = false;
        foreach (var entry in await call.Store.ListObjectsAsync(name, call.Aborted))
        {
            if (!entry.Key.StartsWith(prefix, StringComparison.Ordinal) || string.CompareOrdinal(entry.Key, after) <= 0)
            {
                continue;
            }

            var common = CommonPrefix(entry.Key, prefix, delimiter);
            if (common is not null && (prefixes.Count > 0 && prefixes[^1] == common || resume is not null && resume == common + "\uffff"))
            {
                continue;
            }

            if (contents.Count + prefixes.Count >= maxKeys)
            {
                truncated = true;
                break;
            }

            if (common is null)
            {
                contents.Add(entry);
                last = entry.Key;
            }
            else
            {
                prefixes.Add(common);
                last = common + "\uffff";
            }
        }

        var url = encodingType == "url";
        string Encode(string text) => url ? Uri.EscapeDataString(text) : text;
        await WriteXmlAsync(call.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartElement("ListBucketResult", Namespace);
            writer.WriteElementString("Name", Namespace, name);
            writer.WriteElementString("Prefix", Namespace, Encode(prefix));
            if (delimiter.Length > 0)
            {
                writer.WriteElementString("Delimiter", Namespace, Encode(delimiter));
            }

            writer.WriteElementString("MaxKeys", Namespace, maxKeys.ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("KeyCount", Namespace, (contents.Count + prefixes.Count).ToString(CultureInfo.InvariantCulture));
            writer.WriteElementString("IsTruncated", Namespace, truncated ? "true" : "false");
            if (token.Length > 0)
            {
                writer.WriteElementString("ContinuationToken", Namespace, token);
            }

            if (truncated)
            {
                writer.WriteElementString("NextContinuationToken", Namespace, SealToken(last!));
            }

            if (startAfter.Length > 0)
            {
                writer.WriteElementString("StartAfter", Namespace, Encode(startAfter));
            }

            if (url)
            {
                writer.WriteElementString("EncodingType", Namespace, "url");
            }

            foreach (var entry in contents)
            {
                writer.WriteStartElement("Contents", Namespace);
                writer.WriteElementString("Key", Namespace, Encode(entry.Key));
                writer.WriteElementString("LastModified", Namespace, Timestamp(entry.LastModified));
                writer.WriteElementString("ETag", Namespace, entry.ETag);
                writer.WriteElementString("Size", Namespace, entry.Size.ToString(CultureInfo.InvariantCulture));
                writer.WriteElementString("StorageClass", Namespace, "STANDARD");
                writer.WriteEndElement();
            }

            foreach (var common in prefixes)
            {
                writer.WriteStartElement("CommonPrefixes", Namespace);
                writer.WriteElementString("Prefix", Namespace, Encode(common));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        });
        return null;
    }

    /// <summary>The common prefix a key rolls up into (prefix, then up to and including the first delimiter after it), or null.</summary>
    private static string? CommonPrefix(string key, string prefix, string delimiter)
    {
        if (delimiter.Length == 0)
        {
            return null;
        }

        var at = key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
        return at < 0 ? null : key[..(at + delimiter.Length)];
    }

    private static string SealToken(string resume) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(resume));

    private static bool TryOpenToken(string token, out string? resume)
    {
        try
        {
            resume = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
            return true;
        }
        catch (FormatException)
        {
            resume = null;
            return false;
        }
    }

    private static async Task<S3Error?> PutObjectAsync(S3Call call, string name, string key)
    {
        if (Encoding.UTF8.GetByteCount(key) > S3BucketNames.MaxKeyBytes)
        {
            return new S3Error("KeyTooLongError", "Your key is too long", StatusCodes.Status400BadRequest) { Details = [new("Size", Encoding.UTF8.GetByteCount(key).ToString(CultureInfo.InvariantCulture)), new("MaxSizeAllowed", "1024")] };
        }

        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        if (await AuthorizeAsync(call, "s3:PutObject", S3BucketNames.Arn(name, key), bucket) is { } denied)
        {
            return denied;
        }

        var (content, error) = await S3PayloadReader.ReadAsync(call.Http.Request, call.Verification, call.Store.MaxObjectBytes, call.Aborted);
        if (error is not null)
        {
            return error;
        }

        var stored = await call.Store.PutObjectAsync(name, key, content, call.Http.Request.ContentType, call.Aborted);
        call.Http.Response.Headers.ETag = stored.ETag;
        call.Http.Response.ContentLength = 0;
        return null;
    }

    private static async Task<S3Error?> GetObjectAsync(S3Call call, string name, string key, bool headOnly)
    {
        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        // HeadObject is authorized as s3:GetObject (Service Authorization Reference).
        if (await AuthorizeAsync(call, "s3:GetObject", S3BucketNames.Arn(name, key), bucket) is { } denied)
        {
            return denied;
        }

        var found = headOnly
            ? await call.Store.HeadObjectAsync(name, key, call.Aborted) is { } info ? (info, Array.Empty<byte>()) : ((S3ObjectInfo, byte[])?)null
            : await call.Store.GetObjectAsync(name, key, call.Aborted);
        if (found is not { } result)
        {
            // AWS: a missing key is NoSuchKey only to callers allowed s3:ListBucket; the others learn nothing (AccessDenied).
            return await AuthorizeAsync(call, "s3:ListBucket", S3BucketNames.Arn(name), bucket) is { } hidden ? hidden : S3Error.NoSuchKey(key);
        }

        var response = call.Http.Response;
        response.Headers.ETag = result.Item1.ETag;
        response.Headers.LastModified = result.Item1.LastModified.ToString("r", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = result.Item1.ContentType;
        response.ContentLength = result.Item1.Size;
        if (!headOnly)
        {
            await response.Body.WriteAsync(result.Item2, call.Aborted);
        }

        return null;
    }

    private static async Task<S3Error?> DeleteObjectAsync(S3Call call, string name, string key)
    {
        if (await call.Store.FindBucketAsync(name, call.Aborted) is not { } bucket)
        {
            return S3Error.NoSuchBucket(name);
        }

        if (await AuthorizeAsync(call, "s3:DeleteObject", S3BucketNames.Arn(name, key), bucket) is { } denied)
        {
            return denied;
        }

        await call.Store.DeleteObjectAsync(name, key, call.Aborted);
        call.Http.Response.StatusCode = StatusCodes.Status204NoContent;
        return null;
    }

    /// <summary>The account's canonical user id as S3 shows owners: 64 hex characters, stable per account.</summary>
    private static string CanonicalUserId(string accountId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("s3-canonical-user:" + accountId)));

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>S3's error XML (no namespace): Code, Message, the code's details, RequestId and HostId; no body for HEAD.</summary>
    public static Task WriteErrorAsync(HttpContext http, string requestId, S3Error error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.StatusCode = error.StatusCode;
            return Task.CompletedTask;
        }

        return WriteXmlAsync(http, error.StatusCode, writer =>
        {
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", error.Code);
            writer.WriteElementString("Message", error.Message);
            foreach (var (name, value) in error.Details)
            {
                writer.WriteElementString(name, value);
            }

            writer.WriteElementString("RequestId", requestId);
            writer.WriteElementString("HostId", http.Response.Headers["x-amz-id-2"].ToString());
            writer.WriteEndElement();
        });
    }

    private static async Task WriteXmlAsync(HttpContext http, int status, Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            write(writer);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/xml";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }
}
