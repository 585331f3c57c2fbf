using Jixiao.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jixiao.Migrations.Postgres;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Jixiao.Migrations.Postgres</c>; needs no server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<JixiaoDbContext>
{
    public JixiaoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<JixiaoDbContext>()
            .UseNpgsql("Host=localhost;Database=jixiao_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
