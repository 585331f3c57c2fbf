namespace Jixiao.Core.Common;

/// <summary>
/// Temporary copies of uploaded files (a payment import being read), kept in one folder of their own under the system's
/// temp directory. A file is deleted when its import ends; a process killed mid-import (kill -9, power loss) leaves it
/// behind, with the payments of the upload in it, so the app sweeps the folder at start-up (等保 剩余信息保护: no
/// uploaded data stays on disk after its use). Only files untouched for <see cref="SweepAge"/> are swept, because other
/// app processes on the same host may be importing right now.
/// </summary>
public static class TempFiles
{
    public static readonly TimeSpan SweepAge = TimeSpan.FromHours(1);

    public static string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jixiao-uploads");

    /// <summary>A new unique path in the folder (the folder is created), e.g. <c>NewPath("payments", ".upload")</c>.</summary>
    public static string NewPath(string purpose, string extension)
    {
        System.IO.Directory.CreateDirectory(Directory);
        return System.IO.Path.Combine(Directory, $"{purpose}-{Guid.NewGuid():N}{extension}");
    }

    /// <summary>Deletes the files of <paramref name="directory"/> last written before <paramref name="now"/> − <see cref="SweepAge"/>; returns how many.</summary>
    public static int Sweep(DateTime now, string? directory = null)
    {
        var dir = new DirectoryInfo(directory ?? Directory);
        if (!dir.Exists) return 0;
        var deleted = 0;
        foreach (var f in dir.EnumerateFiles())
        {
            if (f.LastWriteTimeUtc > now - SweepAge) continue;
            try
            {
                f.Delete();
                deleted++;
            }
            catch (IOException)
            {
                // Gone already, or held by another process: the next start tries again.
            }
            catch (UnauthorizedAccessException)
            {
                // Another account's file in a shared temp directory: not ours to delete.
            }
        }
        return deleted;
    }
}
