using System.Net;
using System.Net.Sockets;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>TCP ports on 127.0.0.1: free ones for tests, and checks before and after a server starts.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// Picks <paramref name="count"/> distinct ports that are free right now (the kernel assigns them while all
    /// listeners are open at once). Another process could still take one before the server binds it.
    /// </summary>
    public static IReadOnlyList<int> PickFree(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    public static int PickFree() => PickFree(1)[0];

    /// <summary>
    /// True when nothing listens on 127.0.0.1:<paramref name="port"/>. Binds with SO_REUSEADDR, as the servers
    /// do, so connections left in TIME_WAIT by a previous run do not count as "in use".
    /// </summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Throws a clear error naming the first port (of <paramref name="ports"/>) that is taken.</summary>
    public static void EnsureFree(string server, params (string Purpose, int Port)[] ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        foreach (var (purpose, port) in ports)
        {
            if (!IsFree(port))
            {
                throw new InfrastructureStartException(
                    $"{server}: port {port} ({purpose}) on 127.0.0.1 is already in use. Is a previous run still alive, or another program using it? (ss -ltnp 'sport = :{port}')");
            }
        }
    }

    /// <summary>True once something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
