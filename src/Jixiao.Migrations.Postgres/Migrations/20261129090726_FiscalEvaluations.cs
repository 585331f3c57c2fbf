using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizerOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    RuleSetId = table.Column<long>(type: "bigint", nullable: false),
                    RuleSetVersionNo = table.Column<int>(type: "integer", nullable: false),
                    FrameworkJson = table.Column<string>(type: "text", nullable: false),
                    GradesJson = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ScoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinalisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<long>(type: "bigint", nullable: false),
                    CountyRegionId = table.Column<long>(type: "bigint", nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
