using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizerOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ReScorerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Seed = table.Column<long>(type: "bigint", nullable: true),
                    SampleCount = table.Column<int>(type: "integer", nullable: false),
                    SampleShare = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: true),
                    DepartmentFilterId = table.Column<long>(type: "bigint", nullable: true),
                    Population = table.Column<string>(type: "text", nullable: true),
                    RuleSetId = table.Column<long>(type: "bigint", nullable: false),
                    Threshold = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReEvaluations_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReEvaluations_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReEvaluationItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReEvaluationId = table.Column<long>(type: "bigint", nullable: false),
                    SampleOrder = table.Column<int>(type: "integer", nullable: false),
                    SelfEvaluationId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    DepartmentId = table.Column<long>(type: "bigint", nullable: false),
                    RuleSetId = table.Column<long>(type: "bigint", nullable: false),
                    SelfExecutionPoints = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: false),
                    SelfTotal = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    SelfGrade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReExecutionPoints = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: true),
                    ReTotal = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    ReGrade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    TotalDifference = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    Flagged = table.Column<bool>(type: "boolean", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReScoredByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ReScoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReEvaluationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReEvaluationItems_ReEvaluations_ReEvaluationId",
                        column: x => x.ReEvaluationId,
                        principalTable: "ReEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReEvaluationItems_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReEvaluationItems_SelfEvaluations_SelfEvaluationId",
                        column: x => x.SelfEvaluationId,
                        principalTable: "SelfEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReEvaluationIndicators",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    SelfEvaluationIndicatorId = table.Column<long>(type: "bigint", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Level1 = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Comparison = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Target = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    Weight = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    SelfActual = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    SelfBand = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SelfPoints = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: false),
                    Actual = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    Band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EnteredPoints = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Points = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: true),
                    Explanation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Difference = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReEvaluationIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReEvaluationIndicators_ReEvaluationItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ReEvaluationItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluationIndicators_ItemId_SortOrder",
                table: "ReEvaluationIndicators",
                columns: new[] { "ItemId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluationItems_OrganizationId",
                table: "ReEvaluationItems",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluationItems_ReEvaluationId_SelfEvaluationId",
                table: "ReEvaluationItems",
                columns: new[] { "ReEvaluationId", "SelfEvaluationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluationItems_RuleSetId",
                table: "ReEvaluationItems",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluationItems_SelfEvaluationId",
                table: "ReEvaluationItems",
                column: "SelfEvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluations_RegionId_FiscalYear",
                table: "ReEvaluations",
                columns: new[] { "RegionId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_ReEvaluations_RuleSetId",
                table: "ReEvaluations",
                column: "RuleSetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReEvaluationIndicators");

            migrationBuilder.DropTable(
                name: "ReEvaluationItems");

            migrationBuilder.DropTable(
                name: "ReEvaluations");
        }
    }
}
