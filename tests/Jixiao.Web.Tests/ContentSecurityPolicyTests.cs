using System.Text.RegularExpressions;
using Jixiao.Testing;

namespace Jixiao.Web.Tests;

/// <summary>
/// The app's CSP has no 'unsafe-inline' (SessionTests), so the browser refuses inline styles, inline scripts and event
/// handler attributes: each would be a broken page, seen only as a console error. Every Razor view is checked here, so
/// such markup fails a test instead of a user's page.
/// </summary>
public sealed partial class ContentSecurityPolicyTests
{
    [Fact]
    public void NoView_HasInlineStyleScriptOrEventHandler()
    {
        var root = Path.Combine(WebAppProcess.RepositoryRoot(), "src", "Jixiao.Web");
        var views = Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(views.Count > 50, $"only {views.Count} views found under {root}");
        var problems = new List<string>();
        foreach (var file in views)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (pattern, what) in Checks)
                    if (pattern.IsMatch(lines[i])) problems.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {what}: {lines[i].Trim()}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static readonly (Regex Pattern, string What)[] Checks =
    [
        (InlineStyle(), "an inline style (use a class in wwwroot/css/site.css)"),
        (InlineScript(), "an inline script (put it in wwwroot/js and load it with src)"),
        (EventHandler(), "an event-handler attribute (bind it in a wwwroot/js file)"),
    ];

    [GeneratedRegex(@"\sstyle\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    // A script element without src, other than a JSON data block (which the browser does not run).
    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)(?![^>]*type\s*=\s*[""']application/(ld\+)?json)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son(click|change|submit|load|input|keyup|keydown|focus|blur|mouseover)\s*=\s*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
