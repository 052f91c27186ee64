using Microsoft.Extensions.Logging;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Keeps every log entry (level, message, exception and scope values) for assertions.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    public List<LogEntry> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void Dispose()
    {
    }

    public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Values);

    private sealed class ListLogger(ListLoggerProvider provider) : ILogger
    {
        private readonly List<IReadOnlyList<KeyValuePair<string, object?>>> _scopes = [];

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            var values = state as IEnumerable<KeyValuePair<string, object>>;
            _scopes.Add(values?.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)).ToList() ?? []);
            return new Scope(() => _scopes.RemoveAt(_scopes.Count - 1));
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            foreach (var pair in _scopes.SelectMany(s => s))
            {
                values[pair.Key] = pair.Value;
            }

            if (state is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                foreach (var pair in fields)
                {
                    values[pair.Key] = pair.Value;
                }
            }

            lock (provider.Entries)
            {
                provider.Entries.Add(new LogEntry(logLevel, formatter(state, exception), exception, values));
            }
        }

        private sealed class Scope(Action end) : IDisposable
        {
            public void Dispose() => end();
        }
    }
}
