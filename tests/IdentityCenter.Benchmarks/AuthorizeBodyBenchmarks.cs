using System.Text;
using BenchmarkDotNet.Attributes;
using IdentityCenter.Web.Endpoints;
using IdentityCenter.Web.Tests.Endpoints;

namespace IdentityCenter.Benchmarks;

/// <summary>
/// Reading the <c>/api/authorize</c> body of a forwarded signed request (the benchmark host's: a presigned S3 PUT):
/// <see cref="JsonDocumentParser"/> is the parser before (a <see cref="System.Text.Json.JsonDocument"/> parsed whole, then
/// walked; kept in the web tests as the reference), <see cref="ReaderParser"/> the one-pass <see cref="System.Text.Json.Utf8JsonReader"/> one.
/// </summary>
[MemoryDiagnoser]
public class AuthorizeBodyBenchmarks
{
    private readonly byte[] body = Encoding.UTF8.GetBytes(
        """{"action":"s3:PutObject","resource":"arn:aws:s3:::demo-data/analytics/2026/report.csv","context":{"aws:SourceIp":"10.0.0.8","aws:SecureTransport":true},"signedRequest":{"method":"PUT","path":"/demo-data/analytics/2026/report.csv","query":"X-Amz-Expires=1800&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr%2F%2F%2F%2F%2F%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQDx0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261207T161000Z&X-Amz-SignedHeaders=host&X-Amz-Credential=ASIAQ2ZMOL3XGJUJ6FGA%2F20261207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0b2c7f4a6a0e3c9d2f1b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e","headers":{"host":"127.0.0.1:5099"},"service":"s3","region":"us-east-1"}}""");

    [Benchmark(Baseline = true)]
    public object? JsonDocumentParser() => JsonDocumentAuthorizeRequestParser.Parse(body, "127.0.0.1").Signed;

    [Benchmark]
    public object? ReaderParser() => AuthorizeRequestParser.Parse(body, "127.0.0.1").Signed;
}
