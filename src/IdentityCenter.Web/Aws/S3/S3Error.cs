using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Web.Aws.S3;

/// <summary>
/// An error as Amazon S3 answers it: <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;…details…&lt;RequestId/&gt;&lt;HostId/&gt;&lt;/Error&gt;</c>
/// with its HTTP status; <see cref="Details"/> are the extra elements of that code (<c>BucketName</c>, <c>Key</c>, ...).
/// </summary>
public sealed record S3Error(string Code, string Message, int StatusCode)
{
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];

    public static S3Error From(SigV4Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Message, error.StatusCode) { Details = error.Details };
    }

    public static S3Error NoSuchBucket(string bucket) =>
        new("NoSuchBucket", "The specified bucket does not exist", StatusCodes.Status404NotFound) { Details = [new("BucketName", bucket)] };

    public static S3Error NoSuchKey(string key) =>
        new("NoSuchKey", "The specified key does not exist.", StatusCodes.Status404NotFound) { Details = [new("Key", key)] };

    public static S3Error AccessDenied(string message = "Access Denied") => new("AccessDenied", message, StatusCodes.Status403Forbidden);

    public static S3Error InvalidRequest(string message) => new("InvalidRequest", message, StatusCodes.Status400BadRequest);

    public static S3Error InvalidArgument(string message, string name, string value) =>
        new("InvalidArgument", message, StatusCodes.Status400BadRequest) { Details = [new("ArgumentName", name), new("ArgumentValue", value)] };

    public static S3Error EntityTooLarge(long proposed, long max) =>
        new("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", StatusCodes.Status400BadRequest)
        {
            Details = [new("ProposedSize", proposed.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("MaxSizeAllowed", max.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        };

    public static S3Error IncompleteBody(string message) => new("IncompleteBody", message, StatusCodes.Status400BadRequest);

    public static S3Error BadDigest(string algorithm) =>
        new("BadDigest", $"The {algorithm} you specified did not match the calculated checksum.", StatusCodes.Status400BadRequest);
}
