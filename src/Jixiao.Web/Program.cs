using Jixiao.Web.Cli;
using Jixiao.Web.Infrastructure;

if (CliHost.IsVerb(args)) return await CliHost.RunAsync(args);

var builder = JixiaoHost.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");
builder.AddJixiao();
var app = builder.Build();
await app.InitializeAsync();
app.UseJixiao();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
