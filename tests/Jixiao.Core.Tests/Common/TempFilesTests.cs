using Jixiao.Core.Common;

namespace Jixiao.Core.Tests.Common;

/// <summary>The start-up sweep deletes upload copies a crash left behind, and only those old enough not to be in use.</summary>
public sealed class TempFilesTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jixiao-tempfiles-tests", Guid.NewGuid().ToString("N"));
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    public TempFilesTests() => Directory.CreateDirectory(_dir);

    [Theory]
    [InlineData(0, false)] // just written: another process may be importing it
    [InlineData(59, false)]
    [InlineData(60, true)] // exactly the sweep age
    [InlineData(61, true)]
    [InlineData(60 * 24 * 30, true)]
    public void Sweep_DeletesFilesUntouchedForTheSweepAge(int minutesOld, bool deleted)
    {
        var file = Path.Combine(_dir, "payments-x.upload");
        File.WriteAllText(file, "pay_cert_no,xpay_amt\nP1,100\n");
        File.SetLastWriteTimeUtc(file, Now.AddMinutes(-minutesOld));

        Assert.Equal(deleted ? 1 : 0, TempFiles.Sweep(Now, _dir));
        Assert.Equal(!deleted, File.Exists(file));
    }

    [Fact]
    public void Sweep_OfAMissingFolder_DeletesNothing() =>
        Assert.Equal(0, TempFiles.Sweep(Now, Path.Combine(_dir, "absent")));

    [Fact]
    public void NewPath_IsUniqueInTheFolder_AndCreatesIt()
    {
        var a = TempFiles.NewPath("payments", ".upload");
        var b = TempFiles.NewPath("payments", ".upload");
        Assert.NotEqual(a, b);
        Assert.Equal(TempFiles.Directory, Path.GetDirectoryName(a));
        Assert.True(Directory.Exists(TempFiles.Directory));
        Assert.EndsWith(".upload", a, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
