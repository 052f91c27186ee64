using System.Net;

namespace IdentityCenter.Core.ObjectStorage;

/// <summary>
/// Amazon S3's rules for general purpose bucket names (global: one bucket of a name in the whole installation)
/// and object keys, as the S3 User Guide states them.
/// </summary>
public static class S3BucketNames
{
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

    /// <summary>Object keys are at most 1,024 bytes of UTF-8.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Why <paramref name="name"/> is not a valid bucket name (saying what to change), or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length is < 3 or > 63)
        {
            return "Bucket names must be between 3 and 63 characters long.";
        }

        if (name.Any(c => c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-')))
        {
            return "Bucket names can consist only of lowercase letters, numbers, dots (.) and hyphens (-).";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return "Bucket names must begin and end with a letter or number.";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "Bucket names must not contain two adjacent periods.";
        }

        if (name.Count(c => c == '.') == 3 && IPAddress.TryParse(name, out _))
        {
            return "Bucket names must not be formatted as an IP address (for example, 192.168.5.4).";
        }

        if (ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal)) is { } prefix)
        {
            return $"Bucket names must not start with the reserved prefix {prefix}.";
        }

        if (ReservedSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal)) is { } suffix)
        {
            return $"Bucket names must not end with the reserved suffix {suffix}.";
        }

        return null;
    }

    /// <summary>The S3 ARN of a bucket (<c>arn:aws:s3:::bucket</c>) or of an object in it (<c>arn:aws:s3:::bucket/key</c>).</summary>
    public static string Arn(string bucket, string? key = null) => key is null ? $"arn:aws:s3:::{bucket}" : $"arn:aws:s3:::{bucket}/{key}";
}
