namespace Alexandrite.LocalRun.Infrastructure;

/// <summary>Reads the end of a server log for error messages.</summary>
public static class LogTail
{
    public static string Read(string path, int lines = 30)
    {
        if (!File.Exists(path))
        {
            return "(no log file yet)";
        }

        try
        {
            // FileShare.ReadWrite: the server may still be writing to it.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int MaxBytes = 64 * 1024;
            if (stream.Length > MaxBytes)
            {
                stream.Seek(-MaxBytes, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            var tail = all.TakeLast(lines + 1).Select(l => "  | " + l.TrimEnd('\r'));
            return string.Join(Environment.NewLine, tail).TrimEnd();
        }
        catch (IOException e)
        {
            return $"(log not readable: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(log not readable: {e.Message})";
        }
    }
}
