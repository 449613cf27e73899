using System.Net;
using System.Net.Sockets;

namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>TCP ports on 127.0.0.1: free ones for tests, and checks before and after a server starts.</summary>
public static class LoopbackPorts
{
    /// <summary>Ports this process has handed out, so two systems started side by side never share one.</summary>
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// Picks <paramref name="count"/> distinct ports that are free right now, below the kernel's ephemeral range.
    /// Ports from that range (what binding port 0 returns) are also where every outgoing connection takes its
    /// local port, so one could be taken between picking it and the server binding it (seen: RabbitMQ failing
    /// with dist_port_already_used). Below the range only listeners compete, and this process hands none out twice.
    /// </summary>
    public static IReadOnlyList<int> PickFree(int count)
    {
        var (low, high) = ListeningRange();
        var picked = new List<int>(count);
        lock (HandedOut)
        {
            var start = Random.Shared.Next(low, high);
            for (var offset = 0; offset < high - low && picked.Count < count; offset++)
            {
                var port = low + ((start - low + offset) % (high - low));
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    picked.Add(port);
                }
            }
        }

        return picked.Count == count
            ? picked
            : throw new InvalidOperationException($"Fewer than {count} free ports on 127.0.0.1 between {low} and {high}.");
    }

    /// <summary>From 20000 up to where the ephemeral range starts (/proc/sys/net/ipv4/ip_local_port_range; 32768 by default).</summary>
    private static (int Low, int High) ListeningRange()
    {
        const int Low = 20000;
        var ephemeralStart = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            ephemeralStart = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or not readable: the Linux default.
        }

        return ephemeralStart - Low >= 1000 ? (Low, ephemeralStart) : (10000, 20000);
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
