using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Appraisals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppraisalRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RuleSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleSetVersionNo = table.Column<int>(type: "INTEGER", nullable: false),
                    GradeExcellent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    GradeGood = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    GradeFair = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    DeductionPerFinding = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    SelfScoreDeadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinalisedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalRounds_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppraisalRounds_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AppraisalSheets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SelfTotal = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    ReviewTotal = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    MeasuredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalSheets_AppraisalRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AppraisalRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppraisalFollowUps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SheetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ImprovementDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalFollowUps_AppraisalSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "AppraisalSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppraisalLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SheetId = table.Column<long>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ItemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ItemPoints = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    IsDeduction = table.Column<bool>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    Standard = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Numerator = table.Column<int>(type: "INTEGER", nullable: true),
                    Denominator = table.Column<int>(type: "INTEGER", nullable: true),
                    Share = table.Column<decimal>(type: "TEXT", precision: 9, scale: 6, nullable: true),
                    MeasureExplanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: true),
                    ComputedScore = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: true),
                    SelfScore = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: true),
                    SelfExplanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SelfFindings = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewScore = table.Column<decimal>(type: "TEXT", precision: 20, scale: 10, nullable: true),
                    ReviewReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReviewFindings = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalLines_AppraisalSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "AppraisalSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppraisalAttachment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LineId = table.Column<long>(type: "INTEGER", nullable: false),
                    OriginalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppraisalAttachment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppraisalAttachment_AppraisalLines_LineId",
                        column: x => x.LineId,
                        principalTable: "AppraisalLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppraisalAttachment_AttachmentContents_StoredName",
                        column: x => x.StoredName,
                        principalTable: "AttachmentContents",
                        principalColumn: "StoredName",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalAttachment_LineId",
                table: "AppraisalAttachment",
                column: "LineId");

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalAttachment_StoredName",
                table: "AppraisalAttachment",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalFollowUps_SheetId",
                table: "AppraisalFollowUps",
                column: "SheetId");

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalLines_SheetId_SortOrder",
                table: "AppraisalLines",
                columns: new[] { "SheetId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalRounds_RegionId_FiscalYear_Kind",
                table: "AppraisalRounds",
                columns: new[] { "RegionId", "FiscalYear", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalRounds_RuleSetId",
                table: "AppraisalRounds",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalSheets_RoundId_SubjectKind_SubjectId",
                table: "AppraisalSheets",
                columns: new[] { "RoundId", "SubjectKind", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppraisalSheets_SubjectKind_SubjectId",
                table: "AppraisalSheets",
                columns: new[] { "SubjectKind", "SubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppraisalAttachment");

            migrationBuilder.DropTable(
                name: "AppraisalFollowUps");

            migrationBuilder.DropTable(
                name: "AppraisalLines");

            migrationBuilder.DropTable(
                name: "AppraisalSheets");

            migrationBuilder.DropTable(
                name: "AppraisalRounds");
        }
    }
}
