using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jixiao.Web.Tests.Infrastructure;

public static partial class Http
{
    /// <summary>Asserts an RFC 7807 problem response with the status and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonNode> AssertOkJsonAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static bool HasChinese(string? text) => text is not null && Cjk().IsMatch(text);

    public static void AssertChinese(string? text) => Assert.True(HasChinese(text), $"expected a Chinese message, got: {text}");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
