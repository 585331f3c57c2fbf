using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfEvaluationTaskFilter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DepartmentIds",
                table: "SelfEvaluationTasks",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "KeyMonitoringOnly",
                table: "SelfEvaluationTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProjectCodes",
                table: "SelfEvaluationTasks",
                type: "TEXT",
                maxLength: 26000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SkippedProjects",
                table: "SelfEvaluationTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DepartmentIds",
                table: "SelfEvaluationTasks");

            migrationBuilder.DropColumn(
                name: "KeyMonitoringOnly",
                table: "SelfEvaluationTasks");

            migrationBuilder.DropColumn(
                name: "ProjectCodes",
                table: "SelfEvaluationTasks");

            migrationBuilder.DropColumn(
                name: "SkippedProjects",
                table: "SelfEvaluationTasks");
        }
    }
}
