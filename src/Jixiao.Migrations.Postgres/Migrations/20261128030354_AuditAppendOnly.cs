using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only: the database itself refuses to change or remove a record.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit log is append-only: % refused', TG_OP;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditRecords_append_only" BEFORE UPDATE OR DELETE ON "AuditRecords"
                FOR EACH ROW EXECUTE FUNCTION audit_records_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditRecords_no_truncate" BEFORE TRUNCATE ON "AuditRecords"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditRecords_no_truncate" ON "AuditRecords";""");
            migrationBuilder.Sql("""DROP TRIGGER "AuditRecords_append_only" ON "AuditRecords";""");
            migrationBuilder.Sql("DROP FUNCTION audit_records_append_only();");
        }
    }
}
