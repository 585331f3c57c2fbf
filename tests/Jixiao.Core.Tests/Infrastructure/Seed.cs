using Jixiao.Core.Data;
using Jixiao.Core.Identity;
using Jixiao.Core.Organizations;

namespace Jixiao.Core.Tests.Infrastructure;

/// <summary>Hand-written builders for stored test data: a city with counties and a few organisations.</summary>
public static class Seed
{
    public static async Task<Region> RegionAsync(JixiaoDbContext db, string code, string name, Region? parent = null)
    {
        var region = new Region(code, name, parent?.Id);
        db.Regions.Add(region);
        await db.SaveChangesAsync();
        return region;
    }

    public static async Task<Organization> OrgAsync(JixiaoDbContext db, Region region, OrganizationKind kind, string code, string name, Organization? parent = null)
    {
        var org = new Organization(region.Id, parent, kind, code, name);
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    public static async Task<User> UserAsync(JixiaoDbContext db, string userName, Organization? org, string passwordHash = "pbkdf2-sha256$1$c2FsdA==$aGFzaA==")
    {
        var user = new User(userName, userName, org?.Id);
        user.SetPassword(passwordHash, db.Now);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>长治市 (140400000) with 潞州区 (140403000) below it.</summary>
    public static async Task<(Region City, Region County)> CityAndCountyAsync(JixiaoDbContext db)
    {
        var city = await RegionAsync(db, "140400000", "长治市");
        var county = await RegionAsync(db, "140403000", "潞州区", city);
        return (city, county);
    }
}
