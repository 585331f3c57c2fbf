using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jixiao.Web.Tests.Authorization;

/// <summary>
/// A JSON body that binds to an endpoint's request type (every required constructor parameter present, the app respects them)
/// but whose version can never match (-1): the call reaches the handler, so scope is checked (404), and then ends in a
/// conflict or a refusal instead of changing anything.
/// </summary>
public static class JsonSample
{
    public const string Text = "矩阵测试";

    public static JsonNode? For(Type type, int depth = 0)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return Text;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return 0;
        if (t == typeof(decimal) || t == typeof(double)) return 0;
        if (t == typeof(bool)) return false;
        if (t == typeof(DateOnly)) return "2026-12-31";
        if (t == typeof(DateTime) || t == typeof(DateTimeOffset)) return "2026-12-31T00:00:00Z";
        if (t == typeof(Guid)) return Guid.Empty.ToString();
        if (t.IsEnum) return Enum.GetNames(t)[0];
        if (t == typeof(JsonElement) || t == typeof(JsonNode) || t == typeof(JsonObject)) return new JsonObject();
        if (typeof(IDictionary).IsAssignableFrom(t) || t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            return new JsonObject();
        if (t.IsArray || (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))) return new JsonArray();
        if (depth > 4) return null;
        var ctor = t.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var o = new JsonObject();
        foreach (var p in ctor?.GetParameters() ?? [])
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name!);
            if (p.HasDefaultValue && !name.EndsWith("version", StringComparison.OrdinalIgnoreCase)) continue;
            o[name] = name.EndsWith("version", StringComparison.OrdinalIgnoreCase) || name == "baseVersionNo" ? -1 : For(p.ParameterType, depth + 1);
        }
        foreach (var prop in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(IsRequired))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(prop.Name);
            if (!o.ContainsKey(name)) o[name] = For(prop.PropertyType, depth + 1);
        }
        if (o.ContainsKey("version")) o["version"] = -1;
        return o;
    }

    private static bool IsRequired(PropertyInfo p) => p.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute");
}
