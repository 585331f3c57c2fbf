using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SignInCounterConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
