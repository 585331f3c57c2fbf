namespace Jixiao.Web.Tests.Infrastructure;

/// <summary>The database a test runs against; every data test is a theory over both.</summary>
public enum DbProvider
{
    Sqlite,
    Postgres,
}

public static class Providers
{
    public const string PostgresVariable = "JIXIAO_TEST_POSTGRES";

    public const string SkipReason = "PostgreSQL not configured (set JIXIAO_TEST_POSTGRES)";

    /// <summary>Member data of the provider column.</summary>
    public static TheoryData<DbProvider> All => new() { DbProvider.Sqlite, DbProvider.Postgres };

    /// <summary>
    /// The PostgreSQL server connection string, or a skip when it is not configured; in CI (CI=true) a missing
    /// PostgreSQL is a failure, not a skip, so the suite cannot pass there without having run the data tests on it.
    /// </summary>
    public static string RequirePostgres()
    {
        var cs = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"CI=true but {PostgresVariable} is not set: the PostgreSQL tests must run in CI.");
            throw new SkipException(SkipReason);
        }
        return cs;
    }
}
