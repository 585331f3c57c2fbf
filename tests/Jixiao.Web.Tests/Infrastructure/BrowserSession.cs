using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>
/// A browser without JavaScript: keeps cookies, never follows redirects, reads the antiforgery token from
/// the page it got, and posts forms with it.
/// </summary>
public sealed partial class BrowserSession : IDisposable
{
    public static readonly Uri BaseAddress = new("http://localhost/");

    public BrowserSession(JixiaoFactory factory)
    {
        Cookies = new CookieContainer();
        Client = factory.CreateDefaultClient(BaseAddress, new CookieContainerHandler(Cookies));
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public Cookie? AuthCookie => Cookies.GetCookies(BaseAddress).FirstOrDefault(c => c.Name == Jixiao.Web.Infrastructure.Auth.CookieName);

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    /// <summary>GETs a page (must be 200) and returns its antiforgery token.</summary>
    public async Task<string> TokenFromAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return AntiforgeryToken(html);
    }

    public static string AntiforgeryToken(string html)
    {
        var input = HiddenToken().Match(html);
        Assert.True(input.Success, "no __RequestVerificationToken in the page");
        var value = ValueAttribute().Match(input.Value);
        Assert.True(value.Success, "the antiforgery input has no value");
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields));

    /// <summary>Opens the login page and posts the form, as a person would.</summary>
    public async Task<HttpResponseMessage> LogInAsync(string user, string password = DemoUsers.Password)
    {
        var token = await TokenFromAsync("/Account/Login");
        return await PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["UserName"] = user,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
    }

    /// <summary>The page's text with character references decoded (Razor writes non-ASCII text as &amp;#x…;).</summary>
    public static async Task<string> TextOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex HiddenToken();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
