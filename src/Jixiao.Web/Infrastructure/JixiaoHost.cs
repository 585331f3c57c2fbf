namespace Jixiao.Web.Infrastructure;

/// <summary>Creates the application builder the same way for the web app and the CLI verbs.</summary>
public static class JixiaoHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args, string? environmentName = null) =>
        WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = environmentName,
            ContentRootPath = ContentRoot(),
        });

    /// <summary>
    /// The project folder under <c>dotnet run</c> (the working directory holds wwwroot), else the folder of the
    /// published build, so <c>dotnet DIR/Jixiao.Web.dll</c> finds its settings and files from any working directory.
    /// </summary>
    private static string? ContentRoot()
    {
        var cwd = Directory.GetCurrentDirectory();
        if (Directory.Exists(Path.Combine(cwd, "wwwroot")) || File.Exists(Path.Combine(cwd, "appsettings.json"))) return null;
        var app = AppContext.BaseDirectory;
        return Directory.Exists(Path.Combine(app, "wwwroot")) ? app : null;
    }
}
