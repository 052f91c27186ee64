using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Web.Tests.Components.Admin;

public sealed class AdminErrorsTests
{
    public static TheoryData<Exception> StorageFailures() =>
    [
        new SqliteException("database is locked", 5),
        new DbUpdateException("could not save"),
        new TimeoutException("the command timed out"),

        // EF's wrapper for a transient provider error, and a timeout inside a provider error.
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new SqliteException("busy", 5)),
        new InvalidOperationException("wrapped", new AggregateException(new TimeoutException("the command timed out"))),
    ];

    public static TheoryData<Exception> Defects() =>
    [
        new InvalidOperationException("Sequence contains no elements"),
        new NotSupportedException("not supported"),
        new ArgumentException("bad argument"),
        new KeyNotFoundException("ps-1"),
        new FormatException("not a number"),
        new NotImplementedException(),
    ];

    [Theory]
    [MemberData(nameof(StorageFailures))]
    public void Report_DatabaseOrTimeout_SaysUnavailableTryAgainWithoutId(Exception failure)
    {
        using var logs = new ListLoggerProvider();

        var shown = AdminErrors.Report(failure, new LoggerFactory([logs]).CreateLogger("test"));

        Assert.True(AdminErrors.IsInfrastructure(failure));
        Assert.Equal(AdminErrors.Unavailable, shown.Message);
        Assert.Null(shown.CorrelationId);
        Assert.Contains("Try again", shown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Defects))]
    public void Report_AnythingElse_LoggedAsErrorWithTheCorrelationIdTheMessageNames(Exception failure)
    {
        using var logs = new ListLoggerProvider();

        var shown = AdminErrors.Report(failure, new LoggerFactory([logs]).CreateLogger("test"));

        Assert.False(AdminErrors.IsInfrastructure(failure));
        Assert.Matches("^[0-9a-f]{12}$", shown.CorrelationId);
        Assert.Contains(shown.CorrelationId!, shown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Try again", shown.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("did not answer", shown.Message, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Same(failure, logged.Exception);
        Assert.Equal(shown.CorrelationId, logged.Values["CorrelationId"]);
        Assert.Contains(shown.CorrelationId!, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_TwoDefects_TwoDifferentIds()
    {
        var logger = new LoggerFactory().CreateLogger("test");

        Assert.NotEqual(AdminErrors.Report(new InvalidOperationException(), logger).CorrelationId, AdminErrors.Report(new InvalidOperationException(), logger).CorrelationId);
    }
}
