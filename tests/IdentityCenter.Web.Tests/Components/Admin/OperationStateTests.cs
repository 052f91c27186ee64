using IdentityCenter.Core;
using IdentityCenter.Core.Directory;
using IdentityCenter.Web.Components.Admin;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdentityCenter.Web.Tests.Components.Admin;

/// <summary>The one form and action pattern: busy while running, the service's errors kept, the database's failure shown.</summary>
public sealed class OperationStateTests
{
    private static OperationState NewState() => new(NullLogger<OperationState>.Instance);

    [Fact]
    public async Task RunAsync_Refused_KeepsTheErrorsAndReturnsNull()
    {
        var state = NewState();
        var refused = OperationResult.Invalid([new FieldError("Name", "Name is required."), FieldError.General("The group was deleted meanwhile.")]);

        var result = await state.RunAsync(() => Task.FromResult(refused));

        Assert.Null(result);
        Assert.True(state.HasError("Name"));
        Assert.Equal("Name is required.", state.ErrorText("Name"));
        Assert.Equal(2, state.Errors.Count);
        Assert.Null(state.Failure);
        Assert.False(state.Busy);
    }

    [Fact]
    public async Task RunAsync_Succeeded_ReturnsTheResultWithItsValueAndClearsEarlierErrors()
    {
        var state = NewState();
        state.Check([new FieldError("Name", "Name is required.")]);

        var result = await state.RunAsync(() => Task.FromResult(OperationResult.Ok("g-1")));

        Assert.Equal("g-1", result?.Value);
        Assert.Empty(state.Errors);
        Assert.Null(state.Failure);
    }

    [Fact]
    public async Task RunAsync_WhileAnotherRuns_IsBusyAndIgnoresTheSecond()
    {
        var state = NewState();
        var pending = new TaskCompletionSource<OperationResult>();
        var calls = 0;

        var first = state.RunAsync(() => { calls++; return pending.Task; });
        Assert.True(state.Busy);
        var second = await state.RunAsync(() => { calls++; return Task.FromResult(OperationResult.Success); });
        pending.SetResult(OperationResult.Success);

        Assert.Null(second);
        Assert.NotNull(await first);
        Assert.Equal(1, calls);
        Assert.False(state.Busy);
    }

    [Fact]
    public async Task RunAsync_DatabaseDoesNotAnswer_ShowsUnavailableAndIsNoLongerBusy()
    {
        var state = NewState();

        var result = await state.RunAsync<OperationResult>(() => throw new TimeoutException("the command timed out"));

        Assert.Null(result);
        Assert.Equal(AdminErrors.Unavailable, state.Failure);
        Assert.False(state.Busy);
    }

    [Fact]
    public async Task RunAsync_Defect_IsNotCaughtHere()
    {
        var state = NewState();

        await Assert.ThrowsAsync<InvalidOperationException>(() => state.RunAsync<OperationResult>(() => throw new InvalidOperationException("Sequence contains no elements")));

        Assert.False(state.Busy);
    }

    [Fact]
    public async Task TryAsync_DatabaseDoesNotAnswer_ReturnsFalseWithTheFailure()
    {
        var state = NewState();

        Assert.False(await state.TryAsync(() => throw new TimeoutException()));
        Assert.Equal(AdminErrors.Unavailable, state.Failure);
        Assert.True(await state.TryAsync(() => Task.CompletedTask));
        Assert.Null(state.Failure);
        Assert.False(await state.TryAsync(() => throw new TimeoutException(), "The report could not be generated. Try again in a moment."));
        Assert.Equal("The report could not be generated. Try again in a moment.", state.Failure);
    }

    [Fact]
    public void Check_Errors_RefusesAndShowsThem_NoneAllows()
    {
        var state = NewState();
        state.Fail("Provisioning failed in 1 of 2 account(s).");

        Assert.False(state.Check([new FieldError("Tags[0].Key", "A tag key is required.")]));
        Assert.True(state.HasError("Tags[0].Key"));
        Assert.Null(state.Failure);
        Assert.True(state.Check([]));
        Assert.Empty(state.Errors);
    }

    [Fact]
    public async Task RefreshAsync_AfterAChange_DatabaseDoesNotAnswer_SaysTheChangeWasMadeNotThatNothingChanged()
    {
        var state = NewState();

        Assert.False(await state.RefreshAsync(() => throw new TimeoutException()));

        Assert.Equal(OperationState.NotReloaded, state.Failure);
        Assert.DoesNotContain("nothing was changed", state.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DatabaseDoesNotAnswer_ReturnsTheFallbackWithTheFailure_ASuccessForgetsIt()
    {
        var state = NewState();

        var none = await state.ReadAsync<IReadOnlyList<string>>(() => throw new TimeoutException(), [], "The matrix could not be loaded. Try again in a moment.");

        Assert.Empty(none);
        Assert.Equal("The matrix could not be loaded. Try again in a moment.", state.Failure);
        Assert.False(state.Busy);
        Assert.Equal(["row"], await state.ReadAsync<IReadOnlyList<string>>(() => Task.FromResult<IReadOnlyList<string>>(["row"]), [], "unused"));
        Assert.Null(state.Failure);
    }

    [Fact]
    public async Task ReadAsync_Overlapping_RunsBoth_AndLetsACancellationOrADefectThrough()
    {
        var state = NewState();
        var pending = new TaskCompletionSource<int>();

        var first = state.ReadAsync(() => pending.Task, 0, "unused");
        var second = await state.ReadAsync(() => Task.FromResult(2), 0, "unused");
        pending.SetResult(1);

        Assert.Equal(2, second);
        Assert.Equal(1, await first);
        await Assert.ThrowsAsync<OperationCanceledException>(() => state.ReadAsync<int>(() => throw new OperationCanceledException(), 0, "unused"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => state.ReadAsync<int>(() => throw new InvalidOperationException("a defect"), 0, "unused"));
        Assert.Null(state.Failure);
    }
}
