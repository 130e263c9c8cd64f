namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// Files that hold the database or a copy of it — password hashes, the cookie-signing keys, evidence files — are
/// readable and writable by the app's own OS user only (mode 0600, folders 0700), from the moment they are created.
/// Windows has no such modes; its folders' access lists apply.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Folder0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (or empties it), for writing, readable by the owner only.</summary>
    public static FileStream Create(string path, FileMode mode = FileMode.Create)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File0600;
        }
        var stream = new FileStream(path, options);
        // A file that already existed keeps its mode when it is emptied.
        Restrict(path);
        return stream;
    }

    /// <summary>Creates the folder and its missing parents, for the owner only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, Folder0700);
        }
    }

    /// <summary>
    /// Takes every permission of the group and of others away from an existing file. Only its owner may change a
    /// file's mode: run by another OS user, the file is left as it is.
    /// </summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~Folder0700) == 0)
        {
            return;
        }
        try
        {
            File.SetUnixFileMode(path, mode & Folder0700);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
