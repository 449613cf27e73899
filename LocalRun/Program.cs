// The Docker-free run command (eng/run.sh): starts private Postgres, RabbitMQ and S3 processes and the four
// services on 127.0.0.1, prints where everything is, and stops all of it, by PID, on Ctrl+C or SIGTERM.
using System.Runtime.InteropServices;
using Alexandrite.LocalRun;
using Alexandrite.LocalRun.Infrastructure;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss ";
}));

using var stopping = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var options = LocalSystemOptions.ForDeveloper(RepositoryRoot.Find());
LocalSystem system;
try
{
    system = await LocalSystem.StartAsync(options, loggerFactory, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.WriteLine("Stopped before everything was up.");
    return 130;
}
catch (InfrastructureStartException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}

await using (system)
{
    Console.WriteLine(RunSummary.Describe(system, options));
    try
    {
        await Task.Delay(Timeout.Infinite, stopping.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("Stopping...");
    }
}

Console.WriteLine("Everything this run started has stopped.");
return 0;
