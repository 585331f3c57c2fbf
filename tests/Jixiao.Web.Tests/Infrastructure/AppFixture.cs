using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// One app per provider for a test class (created on first use, disposed after the class), so the
/// tests of a class share the start-up cost; every class gets its own database, so classes never interfere.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DbProvider, Lazy<TestApp>> _apps = new();

    public TestApp For(DbProvider provider)
    {
        if (provider == DbProvider.Postgres) Providers.RequirePostgres();
        return _apps.GetOrAdd(provider, p => new Lazy<TestApp>(() => new TestApp(new JixiaoFactory(p)))).Value;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(l => l.IsValueCreated)) await app.Value.Factory.DisposeAsync();
    }
}

/// <summary>A running app with an API client and a per-user token cache (a sign-in costs a PBKDF2 hash).</summary>
public sealed class TestApp
{
    private readonly ConcurrentDictionary<string, string> _tokens = new();

    public TestApp(JixiaoFactory factory)
    {
        Factory = factory;
        Client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
    }

    public JixiaoFactory Factory { get; }

    /// <summary>A cookie-less client: API calls carry their token per request.</summary>
    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> RequestTokenAsync(string user, string password) =>
        await Client.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password });

    /// <summary>A bearer token of a demo user, cached: only for classes whose clock does not pass the idle timeout.</summary>
    public async Task<string> TokenAsync(string user)
    {
        if (_tokens.TryGetValue(user, out var cached)) return cached;
        var token = await NewTokenAsync(user);
        _tokens[user] = token;
        return token;
    }

    public async Task<string> NewTokenAsync(string user, string password = DemoUsers.Password)
    {
        using var response = await RequestTokenAsync(user, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)body!["accessToken"]!;
    }

    public Task<HttpResponseMessage> SendAsync(string? user, HttpMethod method, string path, object? body = null) =>
        SendWithTokenAsync(user is null ? null : TokenAsync(user), method, path, body);

    public async Task<HttpResponseMessage> SendWithTokenAsync(Task<string>? token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string user, string path) => SendAsync(user, HttpMethod.Get, path);

    /// <summary>POST of one file as the multipart field <c>file</c>, with the user's bearer token.</summary>
    public Task<HttpResponseMessage> PostFileAsync(string user, string path, byte[] file, string fileName, string contentType) =>
        PostMultipartAsync(user, path, new Dictionary<string, string>(), (file, fileName), contentType);

    /// <summary>POST of a multipart form: the text fields and optionally one file as the field <c>file</c>, with the user's bearer token.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string user, string path, Dictionary<string, string> fields,
        (byte[] Data, string Name)? file, string contentType = "application/octet-stream")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        var content = new MultipartFormDataContent();
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Data);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(part, "file", f.Name);
        }
        request.Content = content;
        return await Client.SendAsync(request);
    }

    /// <summary>GET that must succeed, returning the JSON body.</summary>
    public async Task<JsonNode> GetJsonAsync(string user, string path)
    {
        using var response = await GetAsync(user, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} as {user}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Name → id of every organisation (the system administrator sees the whole tree).</summary>
    public async Task<Dictionary<string, long>> OrganizationIdsAsync()
    {
        var page = await GetJsonAsync("sysadmin", "/api/v1/organizations?pageSize=1000");
        return page["items"]!.AsArray().ToDictionary(o => (string)o!["name"]!, o => (long)o!["id"]!);
    }
}

public static class DemoUsers
{
    public const string Password = "Demo@2026!";
}
