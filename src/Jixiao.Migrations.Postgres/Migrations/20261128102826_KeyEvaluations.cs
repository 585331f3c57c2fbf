using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KeyEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KeyEvaluations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    SubjectKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepartmentId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizerOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Background = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ScoringDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AgencyId = table.Column<long>(type: "bigint", nullable: true),
                    CommissioningOrganizationId = table.Column<long>(type: "bigint", nullable: true),
                    ExpertCount = table.Column<int>(type: "integer", nullable: true),
                    DrawSeed = table.Column<long>(type: "bigint", nullable: true),
                    DrawField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DrawEligible = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DrawExcluded = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RuleSetId = table.Column<long>(type: "bigint", nullable: true),
                    TotalScore = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    Grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Conclusions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Experience = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Problems = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Suggestions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    OtherNotes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyEvaluations_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluations_Organizations_CommissioningOrganizationId",
                        column: x => x.CommissioningOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluations_Organizations_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluations_Organizations_OrganizerOrganizationId",
                        column: x => x.OrganizerOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluations_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluations_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyEvaluationIndicators",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<long>(type: "bigint", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Level1 = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Level2 = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    Standard = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Score = table.Column<decimal>(type: "numeric(20,10)", precision: 20, scale: 10, nullable: true),
                    Explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyEvaluationIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationIndicators_KeyEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "KeyEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KeyEvaluationScorers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<long>(type: "bigint", nullable: false),
                    DrawOrder = table.Column<int>(type: "integer", nullable: false),
                    ExpertId = table.Column<long>(type: "bigint", nullable: true),
                    AgencyId = table.Column<long>(type: "bigint", nullable: true),
                    Opinion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyEvaluationScorers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationScorers_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationScorers_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationScorers_KeyEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "KeyEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyEvaluationSubjects",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationId = table.Column<long>(type: "bigint", nullable: false),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyEvaluationSubjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationSubjects_KeyEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "KeyEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationSubjects_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationSubjects_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KeyEvaluationScore",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScorerId = table.Column<long>(type: "bigint", nullable: false),
                    IndicatorId = table.Column<long>(type: "bigint", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeyEvaluationScore", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationScore_KeyEvaluationIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "KeyEvaluationIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KeyEvaluationScore_KeyEvaluationScorers_ScorerId",
                        column: x => x.ScorerId,
                        principalTable: "KeyEvaluationScorers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationIndicators_EvaluationId_Order",
                table: "KeyEvaluationIndicators",
                columns: new[] { "EvaluationId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_AgencyId",
                table: "KeyEvaluations",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_CommissioningOrganizationId",
                table: "KeyEvaluations",
                column: "CommissioningOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_DepartmentId",
                table: "KeyEvaluations",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_FiscalYear_DepartmentId",
                table: "KeyEvaluations",
                columns: new[] { "FiscalYear", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_OrganizerOrganizationId",
                table: "KeyEvaluations",
                column: "OrganizerOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_RegionId_FiscalYear_State",
                table: "KeyEvaluations",
                columns: new[] { "RegionId", "FiscalYear", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluations_RuleSetId",
                table: "KeyEvaluations",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationScore_IndicatorId",
                table: "KeyEvaluationScore",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationScore_ScorerId_IndicatorId",
                table: "KeyEvaluationScore",
                columns: new[] { "ScorerId", "IndicatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationScorers_AgencyId",
                table: "KeyEvaluationScorers",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationScorers_EvaluationId_DrawOrder",
                table: "KeyEvaluationScorers",
                columns: new[] { "EvaluationId", "DrawOrder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationScorers_ExpertId",
                table: "KeyEvaluationScorers",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationSubjects_EvaluationId_ProjectId",
                table: "KeyEvaluationSubjects",
                columns: new[] { "EvaluationId", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationSubjects_OrganizationId",
                table: "KeyEvaluationSubjects",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_KeyEvaluationSubjects_ProjectId",
                table: "KeyEvaluationSubjects",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KeyEvaluationScore");

            migrationBuilder.DropTable(
                name: "KeyEvaluationSubjects");

            migrationBuilder.DropTable(
                name: "KeyEvaluationIndicators");

            migrationBuilder.DropTable(
                name: "KeyEvaluationScorers");

            migrationBuilder.DropTable(
                name: "KeyEvaluations");
        }
    }
}
