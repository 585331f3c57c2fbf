using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit log is append-only: the database itself refuses to change or remove a record.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditRecords_no_update" BEFORE UPDATE ON "AuditRecords"
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only: update refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditRecords_no_delete" BEFORE DELETE ON "AuditRecords"
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only: delete refused'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditRecords_no_update";""");
            migrationBuilder.Sql("""DROP TRIGGER "AuditRecords_no_delete";""");
        }
    }
}
