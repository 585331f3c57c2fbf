using Jixiao.Core.Common;

namespace Jixiao.Core.Organizations;

/// <summary>行政区划: a city or a county/district. Every record belongs to one region and one fiscal year.</summary>
public sealed class Region : IVersioned
{
    private Region() { }

    public Region(string code, string name, long? parentId)
    {
        Code = RegionCode.Validate(code);
        Name = OrganizationNames.Validate(name, "区划名称");
        ParentId = parentId;
    }

    public long Id { get; private set; }

    /// <summary>财政区划代码 (mof_div_code), 9 digits: province 2 + city 2 + county 2 + township 3.</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public long? ParentId { get; private set; }

    public int Version { get; private set; }

    public void Rename(string name) => Name = OrganizationNames.Validate(name, "区划名称");
}

public static class RegionCode
{
    public static string Validate(string code)
    {
        code = code.Trim();
        if (code.Length != 9 || !code.All(char.IsAsciiDigit))
            throw new DomainException($"财政区划代码“{code}”应为9位数字（如长治市 140400000）。");
        return code;
    }

    /// <summary>The code of the region one level up (county → city → province), or null for a province.</summary>
    public static string? ParentCode(string code)
    {
        if (code[6..] != "000") return code[..6] + "000";
        if (code[4..6] != "00") return code[..4] + "00000";
        if (code[2..4] != "00") return code[..2] + "0000000";
        return null;
    }
}

internal static class OrganizationNames
{
    public static string Validate(string? name, string label)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) throw new DomainException($"{label}不能为空。");
        if (name.Length > 100) throw new DomainException($"{label}不能超过100个字。");
        return name;
    }
}
