using Alexandrite.Messaging.Consuming;

namespace Alexandrite.UnitTests.Messaging;

/// <summary>
/// A consumer handles deliveries of different orders side by side, and those of one order one at a time in the order
/// they came: a status handled before the one it follows would fail and wait in the retry queue.
/// </summary>
public sealed class OrderLanesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Work_for_one_order_runs_one_at_a_time_in_the_order_given()
    {
        var lanes = new OrderLanes();
        var order = Guid.NewGuid();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<int>();
        var running = 0;
        var mostAtOnce = 0;

        async Task Step(int number, Task? holdUntil)
        {
            var now = Interlocked.Increment(ref running);
            lock (ran)
            {
                mostAtOnce = Math.Max(mostAtOnce, now);
                ran.Add(number);
            }

            if (holdUntil is not null)
            {
                await holdUntil;
            }

            await Task.Yield();
            Interlocked.Decrement(ref running);
        }

        var steps = new List<Task> { lanes.RunAsync(order, () => Step(1, first.Task)) };
        steps.AddRange(Enumerable.Range(2, 9).Select(number => lanes.RunAsync(order, () => Step(number, null))));

        // The first holds the lane: nothing after it has started.
        await Task.Delay(100);
        Assert.Equal([1], ran);

        first.SetResult();
        await Task.WhenAll(steps).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(1, 10), ran);
        Assert.Equal(1, mostAtOnce);
    }

    [Fact]
    public async Task Work_for_different_orders_runs_side_by_side()
    {
        var lanes = new OrderLanes();
        var bothStarted = new CountdownEvent(2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task Hold()
        {
            bothStarted.Signal();
            await release.Task;
        }

        var first = lanes.RunAsync(Guid.NewGuid(), Hold);
        var second = lanes.RunAsync(Guid.NewGuid(), Hold);

        // Each waits for the other to start: held one behind the other, they never both would.
        Assert.True(bothStarted.Wait(Patience));
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_failure_is_the_callers_and_the_lane_goes_on()
    {
        var lanes = new OrderLanes();
        var order = Guid.NewGuid();
        var ranAfter = false;

        var failing = lanes.RunAsync(order, () => throw new InvalidOperationException("handler failed"));
        var next = lanes.RunAsync(order, () =>
        {
            ranAfter = true;
            return Task.CompletedTask;
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("handler failed", failure.Message);
        await next.WaitAsync(Patience);
        Assert.True(ranAfter);
    }

    [Fact]
    public async Task The_caller_is_not_held_by_the_work()
    {
        var lanes = new OrderLanes();
        using var release = new ManualResetEventSlim();

        // Work that blocks its thread until released: run on the caller's thread, RunAsync would not return to release it.
        var work = lanes.RunAsync(Guid.NewGuid(), () =>
        {
            Assert.True(release.Wait(Patience));
            return Task.CompletedTask;
        });
        release.Set();

        await work.WaitAsync(Patience);
    }
}
