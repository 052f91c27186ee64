using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace IdentityCenter.Infrastructure.Tests.Configuration;

public sealed class ConfigurationShapeTests
{
    private sealed class Sample
    {
        public int Attempts { get; set; }
        public bool Enabled { get; set; }
        public TimeSpan Window { get; set; }
        public DayOfWeek Day { get; set; }
    }

    private static List<string> Problems(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("S:" + key, value)])
            .Build();
        return ConfigurationShape.FindProblems(configuration.GetSection("S"), typeof(Sample)).Select(p => p.Message).ToList();
    }

    [Theory]
    [InlineData("Attempts", "five", "whole number")]
    [InlineData("Enabled", "yes please", "boolean")]
    [InlineData("Window", "soon", "time span")]
    [InlineData("Day", "Funday", "one of")]
    public void FindProblems_WrongType_NamesKeyValueAndExpectedType(string key, string value, string expected)
    {
        var problem = Assert.Single(Problems(key, value));

        Assert.Contains($"S:{key}: '{value}' is not a valid", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Attempts", "5")]
    [InlineData("enabled", "true")]
    [InlineData("Window", "00:15:00")]
    [InlineData("Day", "monday")]
    public void FindProblems_ValidValues_None(string key, string value) =>
        Assert.Empty(Problems(key, value));
}
