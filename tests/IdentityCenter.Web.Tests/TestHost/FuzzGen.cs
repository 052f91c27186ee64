using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>
/// Generators for fuzzing the HTTP APIs (shared by the <c>/api</c> and <c>/aws</c> fuzz tests): text that tends to
/// break things, random JSON, a real request body mutated (members swapped for wrong types, bytes overwritten,
/// inserted, removed or cut off, invalid UTF-8 and lone surrogate escapes spliced in), odd content types and query strings.
/// </summary>
public static class FuzzGen
{
    public static readonly Gen<string?> ContentType = Gen.OneOf<string?>(
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/x-amz-json-1.1", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", ";;;", null);

    /// <summary>Text that tends to break things: escapes, surrogates, control characters, very long runs, and the given known-good values.</summary>
    public static Gen<string> NastyText(params string[] known) => Gen.Frequency(
        (4, Gen.String[0, 24]),
        (2, Gen.OneOf([.. known, "", " ", "*", "s3:GetObject", "arn:aws:s3:::b/*", "111122223333", "\u0000", "\uFFFD", "\uD83D\uDE00", "💥", "é", "${aws:username}", "null", "true", "-1", "1e999", "%", "%zz", "%FF", "%C0%AF", "%ED%A0%80", "../..", "' OR 1=1 --", "<script>"])),
        (1, Gen.Int[100, 20_000].Select(n => new string('a', n))));

    /// <summary>A query string: the valid one, or up to five pairs of the given names (or random ones) with nasty values.</summary>
    public static Gen<string> Query(IEnumerable<string> names, string validQuery, params string[] known)
    {
        var nameList = names.Distinct(StringComparer.Ordinal).ToArray();
        var name = Gen.Frequency((3, Gen.OneOf(nameList)), (1, Gen.String[0, 10].Select(s => Uri.EscapeDataString(s))));
        var value = Gen.Frequency(
            (3, NastyText(known).Select(s => Uri.EscapeDataString(s))),
            (1, Gen.OneOf([.. known.Select(Uri.EscapeDataString), "%", "%zz", "%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "2026-01-01", "2026-13-45T99:99", "+", "&&", "==", "-1", "0", "99999999999999999999"])));
        var random = Gen.Select(name, value).Array[0, 5].Select(pairs => string.Join('&', pairs.Select(p => p.Item1 + "=" + p.Item2)));
        return Gen.Frequency((1, Gen.Const(validQuery)), (4, random));
    }

    /// <summary>Random JSON text (valid or nearly): nasty strings, lone surrogate escapes, huge and malformed numbers, nested arrays and objects.</summary>
    public static Gen<string> JsonValue(int depth, params string[] known) => depth == 0
        ? Gen.Frequency(
            (3, NastyText(known).Select(s => JsonSerializer.Serialize(s))),
            (1, Gen.OneOf("\"\\ud800\"", "\"a\\udc00b\"", "\"\\uD83D\"", "\"\\u0000\"", "\"\\x\"")),
            (2, Gen.OneOf("0", "-0", "1e999999", "-1e-999999", "123456789012345678901234567890123456789", "1.7976931348623157e309", "NaN", "Infinity", "0x10", "01", "1.", ".5")),
            (1, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (1, Gen.OneOf("true", "false", "null")))
        : Gen.Frequency(
            (3, JsonValue(0, known)),
            (1, JsonValue(depth - 1, known).Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, Gen.Select(NastyText(known), JsonValue(depth - 1, known)).Array[0, 5].Select(members =>
                "{" + string.Join(",", members.Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2)) + "}")));

    /// <summary>
    /// Bodies derived from a real, valid JSON object <paramref name="seed"/>: one member replaced (or, when the seed has
    /// an object member <c>context</c> and <paramref name="contextKeys"/> are given, one key inside it), bytes mutated,
    /// random JSON, pathological nesting and sizes, random bytes, and the seed itself.
    /// </summary>
    public static Gen<byte[]> Body(byte[] seed, IReadOnlyList<string>? contextKeys = null, params string[] known)
    {
        // The real request's members as raw JSON, so that one of them can be swapped for something else.
        var members = JsonNode.Parse(seed)!.AsObject().ToDictionary(m => m.Key, m => m.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
        string Compose(string field, string value, bool inContext) => "{" + string.Join(",", members.Select(m =>
            JsonSerializer.Serialize(m.Key) + ":" + (m.Key == field && !inContext ? value
                : m.Key == "context" && inContext ? "{" + JsonSerializer.Serialize(field) + ":" + value + "," + m.Value[1..]
                : m.Value))) + "}";

        // One member (or one condition key) replaced by another value: wrong type, odd text, a lone surrogate escape.
        var replacements = new List<(int, Gen<string>)>
        {
            (2, Gen.Select(Gen.OneOf([.. members.Keys, "unknownMember"]), JsonValue(2, known), (field, value) => Compose(field, value, inContext: false))),
        };
        if (contextKeys is { Count: > 0 } && members.TryGetValue("context", out var context) && context.StartsWith('{') && context.Length > 2)
        {
            var keys = Gen.Frequency((2, Gen.OneOf([.. contextKeys])), (1, NastyText(known)));
            replacements.Add((2, Gen.Select(keys, JsonValue(1, known), (key, value) => Compose(key, value, inContext: true))));
        }

        var replaced = Gen.Frequency([.. replacements]).Select(json => Encoding.UTF8.GetBytes(json));

        // The real request with bytes overwritten, inserted (invalid UTF-8 among them), removed or cut off.
        var mutated = Gen.Select(Gen.Int[0, 4], Gen.Int[0, seed.Length], Gen.Byte.Array[1, 4], Gen.Int[1, 40], (kind, at, bytes, count) => kind switch
        {
            0 => Concat(seed[..at], bytes, seed[Math.Min(seed.Length, at + bytes.Length)..]),
            1 => Concat(seed[..at], bytes, seed[at..]),
            2 => Concat(seed[..at], seed[Math.Min(seed.Length, at + count)..]),
            3 => seed[..at],
            _ => Concat(seed[..at], [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xFF], seed[at..]),
        });

        var firstMember = members.Keys.FirstOrDefault() ?? "a";
        var special = Gen.Frequency(
            (1, Gen.Int[1, 200_000].Select(n => Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n)))),
            (1, Gen.Int[1, 5_000].Select(n => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n)))),
            (1, Gen.Int[60_000, 80_000].Select(n => Encoding.UTF8.GetBytes("{" + JsonSerializer.Serialize(firstMember) + ":\"" + new string('x', n) + "\"}"))),
            (1, Gen.OneOf<byte[]>([], " "u8.ToArray(), "null"u8.ToArray(), "{}"u8.ToArray(), "[]"u8.ToArray(), "\"x\""u8.ToArray(), [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], [0xFF, 0xFE, (byte)'{', 0, (byte)'}', 0], [0])));

        return Gen.Frequency(
            (4, mutated),
            (4, replaced),
            (2, JsonValue(3, known).Select(json => Encoding.UTF8.GetBytes(json))),
            (1, special),
            (1, Gen.Byte.Array[0, 300]),
            (1, Gen.Const(seed)));
    }

    /// <summary>Shows a fuzz body in a failure message: its start as text and as hex.</summary>
    public static string Describe(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return $"body[{body.Length}]={text[..Math.Min(text.Length, 300)]} hex={Convert.ToHexString(body.AsSpan(0, Math.Min(body.Length, 120)))}";
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
