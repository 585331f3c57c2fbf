using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FiscalEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FiscalEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizerOrganizationId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleSetVersionNo = table.Column<int>(type: "INTEGER", nullable: false),
                    FrameworkJson = table.Column<string>(type: "TEXT", nullable: false),
                    GradesJson = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScoredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalisedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FiscalEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FiscalEvaluations_Organizations_OrganizerOrganizationId",
                        column: x => x.OrganizerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FiscalEvaluations_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FiscalEvaluations_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FiscalEvaluationSheets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationId = table.Column<long>(type: "INTEGER", nullable: false),
                    CountyRegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ValuesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FiscalEvaluationSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FiscalEvaluationSheets_FiscalEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "FiscalEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FiscalEvaluationSheets_Regions_CountyRegionId",
                        column: x => x.CountyRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FiscalEvaluations_OrganizerOrganizationId",
                table: "FiscalEvaluations",
                column: "OrganizerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_FiscalEvaluations_RegionId_FiscalYear",
                table: "FiscalEvaluations",
                columns: new[] { "RegionId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FiscalEvaluations_RuleSetId",
                table: "FiscalEvaluations",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_FiscalEvaluationSheets_CountyRegionId",
                table: "FiscalEvaluationSheets",
                column: "CountyRegionId");

            migrationBuilder.CreateIndex(
                name: "IX_FiscalEvaluationSheets_EvaluationId_CountyRegionId",
                table: "FiscalEvaluationSheets",
                columns: new[] { "EvaluationId", "CountyRegionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FiscalEvaluationSheets");

            migrationBuilder.DropTable(
                name: "FiscalEvaluations");
        }
    }
}
