using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PriorAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Agencies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Qualifications = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    StaffCount = table.Column<int>(type: "integer", nullable: false),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactPhoneEncrypted = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreditStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreditNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Agencies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Agencies_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Agencies_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AttachmentContents",
                columns: table => new
                {
                    StoredName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttachmentContents", x => x.StoredName);
                });

            migrationBuilder.CreateTable(
                name: "Experts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Employer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PhoneEncrypted = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IdNumberEncrypted = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UserId = table.Column<long>(type: "bigint", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Remarks = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Experts_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Experts_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgencyConflict",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyConflict", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyConflict_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgencyConflict_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgencyInspections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<long>(type: "bigint", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Finding = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    IsSerious = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyInspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyInspections_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgencyRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<long>(type: "bigint", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SubjectId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    RatedByOrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    RatedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    Remarks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencyRatings_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorAssessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<long>(type: "bigint", nullable: false),
                    RegionId = table.Column<long>(type: "bigint", nullable: false),
                    FiscalYear = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    DepartmentId = table.Column<long>(type: "bigint", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    OrganizerOrganizationId = table.Column<long>(type: "bigint", nullable: true),
                    ExpertCount = table.Column<int>(type: "integer", nullable: true),
                    DrawSeed = table.Column<long>(type: "bigint", nullable: true),
                    DrawField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DrawEligible = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DrawExcluded = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AgencyId = table.Column<long>(type: "bigint", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrganisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RuleSetId = table.Column<long>(type: "bigint", nullable: true),
                    TotalScore = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ConclusionOpinion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RequiredChanges = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConclusionConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChangesReport = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ChangesReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChangesConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorAssessments_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessments_Organizations_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessments_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessments_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExpertConflict",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExpertId = table.Column<long>(type: "bigint", nullable: false),
                    OrganizationId = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpertConflict", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpertConflict_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExpertConflict_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorAssessmentAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssessmentId = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OriginalName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StoredName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorAssessmentAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorAssessmentAttachments_AttachmentContents_StoredName",
                        column: x => x.StoredName,
                        principalTable: "AttachmentContents",
                        principalColumn: "StoredName",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessmentAttachments_PriorAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "PriorAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorAssessmentScorers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssessmentId = table.Column<long>(type: "bigint", nullable: false),
                    DrawOrder = table.Column<int>(type: "integer", nullable: false),
                    ExpertId = table.Column<long>(type: "bigint", nullable: true),
                    AgencyId = table.Column<long>(type: "bigint", nullable: true),
                    UnitOrganizationId = table.Column<long>(type: "bigint", nullable: true),
                    Opinion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorAssessmentScorers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorAssessmentScorers_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessmentScorers_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriorAssessmentScorers_PriorAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "PriorAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PriorAssessmentScore",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ScorerId = table.Column<long>(type: "bigint", nullable: false),
                    DimensionCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorAssessmentScore", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorAssessmentScore_PriorAssessmentScorers_ScorerId",
                        column: x => x.ScorerId,
                        principalTable: "PriorAssessmentScorers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_OrganizationId",
                table: "Agencies",
                column: "OrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_RegionId",
                table: "Agencies",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyConflict_AgencyId_OrganizationId",
                table: "AgencyConflict",
                columns: new[] { "AgencyId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyConflict_OrganizationId",
                table: "AgencyConflict",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyInspections_AgencyId_InspectedOn",
                table: "AgencyInspections",
                columns: new[] { "AgencyId", "InspectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyRatings_AgencyId_At",
                table: "AgencyRatings",
                columns: new[] { "AgencyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyRatings_SubjectType_SubjectId",
                table: "AgencyRatings",
                columns: new[] { "SubjectType", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertConflict_ExpertId_OrganizationId",
                table: "ExpertConflict",
                columns: new[] { "ExpertId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExpertConflict_OrganizationId",
                table: "ExpertConflict",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Experts_RegionId_IsActive",
                table: "Experts",
                columns: new[] { "RegionId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Experts_UserId",
                table: "Experts",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessmentAttachments_AssessmentId",
                table: "PriorAssessmentAttachments",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessmentAttachments_StoredName",
                table: "PriorAssessmentAttachments",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_AgencyId",
                table: "PriorAssessments",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_DepartmentId",
                table: "PriorAssessments",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_FiscalYear_OrganizationId",
                table: "PriorAssessments",
                columns: new[] { "FiscalYear", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_OrganizationId",
                table: "PriorAssessments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_ProjectId_State",
                table: "PriorAssessments",
                columns: new[] { "ProjectId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_RegionId_FiscalYear_State",
                table: "PriorAssessments",
                columns: new[] { "RegionId", "FiscalYear", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessments_RuleSetId",
                table: "PriorAssessments",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessmentScore_ScorerId_DimensionCode",
                table: "PriorAssessmentScore",
                columns: new[] { "ScorerId", "DimensionCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessmentScorers_AgencyId",
                table: "PriorAssessmentScorers",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessmentScorers_AssessmentId_DrawOrder",
                table: "PriorAssessmentScorers",
                columns: new[] { "AssessmentId", "DrawOrder" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriorAssessmentScorers_ExpertId",
                table: "PriorAssessmentScorers",
                column: "ExpertId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgencyConflict");

            migrationBuilder.DropTable(
                name: "AgencyInspections");

            migrationBuilder.DropTable(
                name: "AgencyRatings");

            migrationBuilder.DropTable(
                name: "ExpertConflict");

            migrationBuilder.DropTable(
                name: "PriorAssessmentAttachments");

            migrationBuilder.DropTable(
                name: "PriorAssessmentScore");

            migrationBuilder.DropTable(
                name: "AttachmentContents");

            migrationBuilder.DropTable(
                name: "PriorAssessmentScorers");

            migrationBuilder.DropTable(
                name: "Experts");

            migrationBuilder.DropTable(
                name: "PriorAssessments");

            migrationBuilder.DropTable(
                name: "Agencies");
        }
    }
}
