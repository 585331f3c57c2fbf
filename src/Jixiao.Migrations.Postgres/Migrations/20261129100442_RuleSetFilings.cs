using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RuleSetFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RuleSetFilings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    CityRegionId = table.Column<long>(type: "bigint", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    SubmitterOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    RuleSetId = table.Column<long>(type: "bigint", nullable: false),
                    CityRuleSetId = table.Column<long>(type: "bigint", nullable: true),
                    DocumentName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DocumentStoredName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    DocumentContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DocumentSize = table.Column<long>(type: "bigint", nullable: false),
                    DocumentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Submissions = table.Column<int>(type: "integer", nullable: false),
                    NumberYear = table.Column<int>(type: "integer", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: true),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    FiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FiledByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    FilingComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReturnComments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleSetFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RuleSetFilings_AttachmentContents_DocumentStoredName",
                        column: x => x.DocumentStoredName,
                        principalTable: "AttachmentContents",
                        principalColumn: "StoredName",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RuleSetFilings_Organizations_SubmitterOrganizationId",
                        column: x => x.SubmitterOrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RuleSetFilings_Regions_CityRegionId",
                        column: x => x.CityRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RuleSetFilings_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RuleSetFilings_RuleSets_CityRuleSetId",
                        column: x => x.CityRuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RuleSetFilings_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetFilings_CityRegionId_NumberYear_Sequence",
                table: "RuleSetFilings",
                columns: new[] { "CityRegionId", "NumberYear", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetFilings_CityRuleSetId",
                table: "RuleSetFilings",
                column: "CityRuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetFilings_DocumentStoredName",
                table: "RuleSetFilings",
                column: "DocumentStoredName");

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetFilings_RegionId_FiscalYear",
                table: "RuleSetFilings",
                columns: new[] { "RegionId", "FiscalYear" });

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetFilings_RuleSetId",
                table: "RuleSetFilings",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleSetFilings_SubmitterOrganizationId",
                table: "RuleSetFilings",
                column: "SubmitterOrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RuleSetFilings");
        }
    }
}
