using System.Globalization;

namespace Alexandrite.Benchmarks.Hosting;

/// <summary>
/// What Linux says about processes and the machine (/proc): a process tree, its CPU time and its memory. A project
/// resource's process is `dotnet run`, whose child is the service; Postgres's backends are children of the
/// postmaster: so CPU is counted over the whole tree, and a child that has ended counts in its parent's
/// cutime/cstime once reaped.
/// </summary>
internal static class ProcFs
{
    /// <summary>USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    /// <summary><paramref name="root"/> and every process below it (empty when it has ended).</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                (children.TryGetValue(stat.ParentId, out var list) ? list : children[stat.ParentId] = []).Add(pid);
            }
        }

        var tree = new List<int>();
        var pending = new Queue<int>();
        if (Stat(root) is not null)
        {
            pending.Enqueue(root);
        }

        while (pending.TryDequeue(out var pid))
        {
            tree.Add(pid);
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Enqueue(child);
            }
        }

        return tree;
    }

    /// <summary>CPU seconds used by the tree so far (user + system, with reaped children).</summary>
    public static double CpuSeconds(IEnumerable<int> tree) => tree.Sum(pid => Stat(pid)?.CpuTicks ?? 0) / TicksPerSecond;

    /// <summary>
    /// CPU seconds used so far by the threads of the tree whose name starts with <paramref name="threadName"/> (a thread's
    /// name is cut to 15 characters: /proc/[pid]/task/[tid]/comm), each thread once; ended threads count no more.
    /// </summary>
    public static IReadOnlyDictionary<(int Pid, int Tid), double> ThreadCpuSeconds(IEnumerable<int> tree, string threadName)
    {
        var threads = new Dictionary<(int, int), double>();
        foreach (var pid in tree)
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    var tid = int.Parse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture);
                    if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(threadName, StringComparison.Ordinal) && Stat($"{pid}/task/{tid}") is { } stat)
                    {
                        threads[(pid, tid)] = stat.OwnTicks / TicksPerSecond;
                    }
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return threads;
    }

    /// <summary>Resident memory of one process now (VmRSS) and at its peak (VmHWM), in bytes; zeros when it has ended.</summary>
    public static (long Resident, long Peak) Memory(int pid)
    {
        long resident = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    resident = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return (resident, peak);
    }

    /// <summary>The machine's busy and total CPU seconds so far, over all cores (/proc/stat's first line).</summary>
    public static (double Busy, double Total) MachineCpuSeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();

        // user nice system idle iowait irq softirq steal (guest time is already in user).
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    /// <summary>The processes whose command line satisfies <paramref name="matches"/>.</summary>
    public static IReadOnlyList<int> Find(Func<string, bool> matches) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && matches(CommandLine(pid)))];

    /// <summary>The process's command line, arguments separated by spaces ("" when it has ended).</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    private static ProcessStat? Stat(int pid) => Stat(pid.ToString(CultureInfo.InvariantCulture));

    /// <param name="path">A process ("1234") or one of its threads ("1234/task/1240") under /proc.</param>
    private static ProcessStat? Stat(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{path}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name is in parentheses and may hold spaces: the fields that follow it are counted from its end.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcessStat((int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    /// <param name="OwnTicks">utime + stime (fields 14-15 of /proc/[pid]/stat).</param>
    /// <param name="ReapedChildrenTicks">cutime + cstime (fields 16-17).</param>
    private sealed record ProcessStat(int ParentId, long OwnTicks, long ReapedChildrenTicks)
    {
        public long CpuTicks => OwnTicks + ReapedChildrenTicks;
    }
}
