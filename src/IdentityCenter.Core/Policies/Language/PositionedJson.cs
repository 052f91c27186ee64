using System.Text;
using System.Text.Json;

namespace IdentityCenter.Core.Policies.Language;

/// <summary>A JSON value that remembers where it started in the source (byte offset into the UTF-8 text).</summary>
internal abstract class JsonNodeAt(int offset)
{
    public int Offset { get; } = offset;

    public abstract string KindName { get; }
}

internal sealed class JsonObjectAt(int offset, List<JsonPropertyAt> properties) : JsonNodeAt(offset)
{
    public List<JsonPropertyAt> Properties { get; } = properties;

    public override string KindName => "an object";
}

internal sealed record JsonPropertyAt(string Name, int NameOffset, JsonNodeAt Value);

internal sealed class JsonArrayAt(int offset, List<JsonNodeAt> items) : JsonNodeAt(offset)
{
    public List<JsonNodeAt> Items { get; } = items;

    public override string KindName => "an array";
}

internal sealed class JsonStringAt(int offset, string value) : JsonNodeAt(offset)
{
    public string Value { get; } = value;

    public override string KindName => "a string";
}

/// <summary>A number, boolean or null; <see cref="Text"/> is its source text (IAM reads these as strings).</summary>
internal sealed class JsonScalarAt(int offset, string text, JsonTokenType token) : JsonNodeAt(offset)
{
    public string Text { get; } = text;

    public JsonTokenType Token { get; } = token;

    public override string KindName => Token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };
}

/// <summary>Reads UTF-8 JSON into positioned nodes, and turns byte offsets into 1-based line and column.</summary>
internal sealed class PositionedJsonReader
{
    private const int MaxDepth = 64;
    private readonly byte[] utf8;
    private readonly List<int> lineStarts = [0];

    public PositionedJsonReader(byte[] utf8)
    {
        this.utf8 = utf8;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }
    }

    public (int Line, int Column) Position(int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        var start = lineStarts[Math.Max(index, 0)];
        var end = Math.Min(offset, utf8.Length);

        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1;
        for (var i = start; i < end; i++)
        {
            if ((utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (index + 1, column);
    }

    /// <summary>Parses the whole text; on malformed JSON returns null and the position and reason.</summary>
    public JsonNodeAt? Read(out (int Line, int Column, string Message)? error)
    {
        error = null;
        if (utf8.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            error = (1, 1, "The document is empty. Write a JSON object such as {\"Version\":\"2012-10-17\",\"Statement\":[...]}.");
            return null;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = MaxDepth,
        });
        try
        {
            if (!reader.Read())
            {
                error = (1, 1, "The document is empty. Write a JSON object such as {\"Version\":\"2012-10-17\",\"Statement\":[...]}.");
                return null;
            }

            var root = ReadValue(ref reader);
            if (reader.Read())
            {
                var (line, column) = Position((int)reader.TokenStartIndex);
                error = (line, column, "Unexpected text after the end of the policy object. Remove it, or put all statements inside one object.");
                return null;
            }

            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            error = (line, column, "Invalid JSON: " + Describe(ex.Message) + " Fix the JSON syntax (quotes, commas, brackets) at this position.");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            var (line, column) = Position((int)Math.Min(reader.TokenStartIndex, int.MaxValue));
            error = (line, column, "Invalid JSON text: " + ex.Message);
            return null;
        }
    }

    private static string Describe(string message)
    {
        // System.Text.Json appends "LineNumber: x | BytePositionInLine: y." which we report separately.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonNodeAt ReadValue(ref Utf8JsonReader reader)
    {
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var properties = new List<JsonPropertyAt>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var nameOffset = (int)reader.TokenStartIndex;
                        var name = reader.GetString() ?? string.Empty;
                        reader.Read();
                        properties.Add(new JsonPropertyAt(name, nameOffset, ReadValue(ref reader)));
                    }

                    return new JsonObjectAt(offset, properties);
                }

            case JsonTokenType.StartArray:
                {
                    var items = new List<JsonNodeAt>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader));
                    }

                    return new JsonArrayAt(offset, items);
                }

            case JsonTokenType.String:
                return new JsonStringAt(offset, reader.GetString() ?? string.Empty);
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
            case JsonTokenType.Null:
                {
                    var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
                    return new JsonScalarAt(offset, Encoding.UTF8.GetString(raw), reader.TokenType);
                }

            default:
                throw new JsonException($"Unexpected token {reader.TokenType}.", null, null, null);
        }
    }
}
