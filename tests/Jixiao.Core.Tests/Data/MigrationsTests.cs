using Jixiao.Core.Data;
using Jixiao.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Core.Tests.Data;

/// <summary>Issue 2: CI checks that neither provider has pending model changes.</summary>
public sealed class MigrationsTests
{
    [Theory]
    [InlineData(DbProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DbProvider.Postgres, "Host=localhost;Database=unused")] // needs no live server
    public void HasPendingModelChanges_EachProvider_False(DbProvider provider, string connectionString)
    {
        using var db = new JixiaoDbContext(TestDatabase.Options(provider, connectionString));

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes not in the {provider} migrations: run dotnet ef migrations add for src/Jixiao.Migrations.{provider}.");
    }

    [Theory]
    [InlineData(DbProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DbProvider.Postgres, "Host=localhost;Database=unused")]
    public void GetMigrations_EachProvider_IncludesTheAppendOnlyAuditTriggers(DbProvider provider, string connectionString)
    {
        using var db = new JixiaoDbContext(TestDatabase.Options(provider, connectionString));

        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_AuditAppendOnly", StringComparison.Ordinal));
    }
}
