using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace IdentityCenter.Infrastructure.Configuration;

/// <summary>
/// Compares a configuration section with the public settable properties of an options type, before
/// binding, so that an unknown key or a value of the wrong type is reported with every other problem
/// instead of making the binder throw on the first one.
/// </summary>
public static class ConfigurationShape
{
    /// <summary>A key that does not fit the options type: its path relative to the checked section, and what to fix.</summary>
    public sealed record Problem(string RelativePath, string Message);

    public static IReadOnlyList<Problem> FindProblems(IConfigurationSection section, Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<Problem>();
        Walk(section, section.Path.Length + 1, optionsType, problems);
        return problems;
    }

    private static void Walk(IConfigurationSection section, int rootPrefixLength, Type type, List<Problem> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                Add(problems, child, rootPrefixLength, $"{child.Path}: unknown setting. Known settings under {section.Path}: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))}.");
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(propertyType))
            {
                if (child.Value is null)
                {
                    Add(problems, child, rootPrefixLength, $"{child.Path}: expected a single {Describe(propertyType)} value, found a section.");
                }
                else if (!CanConvert(child.Value, propertyType))
                {
                    Add(problems, child, rootPrefixLength, $"{child.Path}: '{child.Value}' is not a valid {Describe(propertyType)}.");
                }
            }
            else if (child.Value is not null && child.Value.Length > 0)
            {
                Add(problems, child, rootPrefixLength, $"{child.Path}: expected a section with settings ({string.Join(", ", propertyType.GetProperties().Select(p => p.Name))}), found the value '{child.Value}'.");
            }
            else
            {
                Walk(child, rootPrefixLength, propertyType, problems);
            }
        }
    }

    private static void Add(List<Problem> problems, IConfigurationSection child, int rootPrefixLength, string message) =>
        problems.Add(new Problem(child.Path[rootPrefixLength..], message));

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan);

    private static bool CanConvert(string value, Type type)
    {
        if (type == typeof(string))
        {
            return true;
        }

        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _) && !int.TryParse(value, CultureInfo.InvariantCulture, out _);
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => type switch
    {
        _ when type == typeof(bool) => "boolean (true or false)",
        _ when type == typeof(int) || type == typeof(long) => "whole number",
        _ when type == typeof(TimeSpan) => "time span (for example 00:15:00)",
        _ when type.IsEnum => $"value (one of {string.Join(", ", Enum.GetNames(type))})",
        _ => type.Name,
    };
}
