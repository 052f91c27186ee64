using System.Text;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Core.Tests.Aws.SigV4;

/// <summary>
/// Known answers published in AWS's documentation: the IAM ListUsers walkthrough of the SigV4 signing
/// process, the signing-key derivation examples, and the S3 API reference's header, presigned and
/// chunked-upload examples. Nothing here is computed by our code first.
/// </summary>
public sealed class SigV4KnownAnswerTests
{
    internal const string S3AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    internal const string S3Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    internal static readonly DateTimeOffset S3Time = SigV4TestData.At("20130524T000000Z");

    /// <summary>The IAM ListUsers request of AWS's "create a signed request" walkthrough.</summary>
    internal static SigV4Request IamListUsers(params (string Name, string Value)[] extraHeaders) => SigV4TestData.Request(
        "GET",
        "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08",
        [
            ("Host", "iam.amazonaws.com"),
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ("X-Amz-Date", "20150830T123600Z"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
            .. extraHeaders,
        ]);

    internal static SigV4ServicePolicy Iam => SigV4TestData.Policy("iam");

    internal static SigV4ServicePolicy S3 => SigV4TestData.Policy("s3", SigV4Dialect.S3);

    /// <summary>S3 API reference, "Example: GET Object" (header authentication).</summary>
    internal static SigV4Request S3GetObject(params (string Name, string Value)[] extraHeaders) => SigV4TestData.Request(
        "GET",
        "https://examplebucket.s3.amazonaws.com/test.txt",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
            ("Range", "bytes=0-9"),
            ("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("x-amz-date", "20130524T000000Z"),
            .. extraHeaders,
        ]);

    /// <summary>S3 API reference, "Example: PUT Object" (a signed body, both Date and x-amz-date signed).</summary>
    internal static SigV4Request S3PutObject(string body) => SigV4TestData.Request(
        "PUT",
        "https://examplebucket.s3.amazonaws.com/test%24file.text",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"),
        ],
        Encoding.UTF8.GetBytes(body));

    /// <summary>S3 API reference, "Query string authentication" example: a presigned GET valid 86,400 s.</summary>
    internal const string S3PresignedUrl =
        "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    /// <summary>S3 API reference, "Signature calculation: transfer payload in multiple chunks" (seed request).</summary>
    internal static SigV4Request S3ChunkedPut() => SigV4TestData.Request(
        "PUT",
        "https://s3.amazonaws.com/examplebucket/chunkObject.txt",
        [
            ("Host", "s3.amazonaws.com"),
            ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"),
            ("Content-Length", "66824"),
        ]);

    [Theory]
    [InlineData("20150830", "iam", "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")]
    [InlineData("20120215", "iam", "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")]
    public void Signing_key_derivation_matches_the_documented_examples(string date, string service, string expected)
    {
        var key = SigV4SigningKeyCache.DeriveSigningKey(SigV4TestData.Secret, date, "us-east-1", service);

        Assert.Equal(expected, Convert.ToHexStringLower(key));
    }

    [Fact]
    public void Iam_ListUsers_walkthrough_verifies_with_the_documented_canonical_request()
    {
        var parsed = SigV4Verifier.Parse(IamListUsers(), Iam, SigV4TestData.Time);
        Assert.True(parsed.Succeeded, parsed.Error?.ToString());
        Assert.Equal("AKIDEXAMPLE", parsed.Authorization!.AccessKeyId);
        Assert.Equal("20150830/us-east-1/iam/aws4_request", parsed.Authorization.CredentialScope);
        Assert.Equal(
            "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            SigV4Verifier.CanonicalRequest(parsed.Authorization));

        var verification = new SigV4Verifier().Verify(parsed.Authorization, SigV4TestData.Secret);

        Assert.True(verification.Succeeded, verification.Error?.ToString());
        Assert.True(verification.PayloadVerified);
        Assert.Equal(SigV4Verifier.EmptyPayloadSha256, verification.PayloadHash);
    }

    [Fact]
    public void S3_GET_object_example_verifies()
    {
        var (error, verification) = SigV4TestData.Verify(S3GetObject(), S3, S3Time, S3Secret);

        Assert.Null(error);
        Assert.Equal(S3AccessKeyId, verification!.Authorization.AccessKeyId);
        Assert.True(verification.PayloadVerified);
    }

    [Fact]
    public void S3_PUT_object_example_verifies_its_signed_body()
    {
        var (error, verification) = SigV4TestData.Verify(S3PutObject("Welcome to Amazon S3."), S3, S3Time, S3Secret);

        Assert.Null(error);
        Assert.Equal(SigV4PayloadKind.Sha256, verification!.PayloadKind);
        Assert.True(verification.PayloadVerified);
    }

    [Fact]
    public void S3_presigned_example_verifies_with_an_unsigned_payload()
    {
        var request = SigV4TestData.Request("GET", S3PresignedUrl, ("Host", "examplebucket.s3.amazonaws.com"));

        var (error, verification) = SigV4TestData.Verify(request, S3, S3Time.AddHours(23), S3Secret);

        Assert.Null(error);
        Assert.True(verification!.Authorization.IsPresigned);
        Assert.Equal(86400, verification.Authorization.ExpiresSeconds);
        Assert.Equal(SigV4PayloadKind.UnsignedPayload, verification.PayloadKind);
        Assert.False(verification.PayloadVerified);
    }

    [Fact]
    public void S3_chunked_upload_example_yields_the_documented_chunk_signatures()
    {
        var (error, verification) = SigV4TestData.Verify(S3ChunkedPut(), S3, S3Time, S3Secret);
        Assert.Null(error);
        Assert.Equal(SigV4PayloadKind.StreamingSigned, verification!.PayloadKind);
        var chunks = verification.Chunks!;
        Assert.Equal("4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9", chunks.SeedSignature);

        var first = chunks.ChunkSignature(chunks.SeedSignature, Filled(65536));
        var second = chunks.ChunkSignature(first, Filled(1024));
        var last = chunks.ChunkSignature(second, []);

        Assert.Equal("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648", first);
        Assert.Equal("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497", second);
        Assert.Equal("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9", last);
    }

    internal static byte[] Filled(int length)
    {
        var bytes = new byte[length];
        bytes.AsSpan().Fill((byte)'a');
        return bytes;
    }
}
