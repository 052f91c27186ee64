using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Instances_ChangeGenerations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeGenerations",
                columns: table => new
                {
                    Concern = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Generation = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeGenerations", x => x.Concern);
                });

            migrationBuilder.InsertData(
                table: "ChangeGenerations",
                columns: new[] { "Concern", "Generation" },
                values: new object[,]
                {
                    { "access-model", 0L },
                    { "credential-revocations", 0L },
                    { "directory-settings", 0L },
                    { "resource-services", 0L },
                    { "sessions", 0L },
                    { "token-keys", 0L }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeGenerations");
        }
    }
}
