using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hardening_UnknownSignInFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnknownSignInFailures",
                columns: table => new
                {
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastFailureAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnknownSignInFailures", x => x.NormalizedName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnknownSignInFailures_LastFailureAt",
                table: "UnknownSignInFailures",
                column: "LastFailureAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnknownSignInFailures");
        }
    }
}
