using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddBudgetLinkage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BudgetLinkageDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    BudgetYear = table.Column<int>(type: "INTEGER", nullable: false),
                    DepartmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<long>(type: "INTEGER", nullable: false),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SuggestedReduction = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DecidedById = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetLinkageDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetLinkageDecisions_Organizations_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BudgetLinkageDecisions_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BudgetLinkageDecisions_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CongressReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Docx = table.Column<byte[]>(type: "BLOB", nullable: false),
                    GeneratedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    GeneratedById = table.Column<long>(type: "INTEGER", nullable: true),
                    GeneratedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CongressReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CongressReports_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransferPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CountyRegionId = table.Column<long>(type: "INTEGER", nullable: false),
                    FiscalYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransferPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransferPayments_Regions_CountyRegionId",
                        column: x => x.CountyRegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransferPayments_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLinkageDecisions_BudgetYear_ProjectId",
                table: "BudgetLinkageDecisions",
                columns: new[] { "BudgetYear", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLinkageDecisions_DepartmentId",
                table: "BudgetLinkageDecisions",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLinkageDecisions_ProjectId",
                table: "BudgetLinkageDecisions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetLinkageDecisions_RegionId_BudgetYear_DepartmentId",
                table: "BudgetLinkageDecisions",
                columns: new[] { "RegionId", "BudgetYear", "DepartmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_CongressReports_RegionId_FiscalYear",
                table: "CongressReports",
                columns: new[] { "RegionId", "FiscalYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransferPayments_CountyRegionId_FiscalYear_Code",
                table: "TransferPayments",
                columns: new[] { "CountyRegionId", "FiscalYear", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransferPayments_RegionId_FiscalYear",
                table: "TransferPayments",
                columns: new[] { "RegionId", "FiscalYear" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetLinkageDecisions");

            migrationBuilder.DropTable(
                name: "CongressReports");

            migrationBuilder.DropTable(
                name: "TransferPayments");
        }
    }
}
