using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hardening_WorkshopSeedMarker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "WorkshopSeededAt",
                table: "SsoInstances",
                type: "INTEGER",
                nullable: true);

            // Databases seeded before the marker existed count as seeded (the seed then had no way to say otherwise).
            migrationBuilder.Sql("""UPDATE "SsoInstances" SET "WorkshopSeededAt" = "CreatedAt" WHERE EXISTS (SELECT 1 FROM "Accounts" WHERE "IsWorkshop" = 1);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WorkshopSeededAt",
                table: "SsoInstances");
        }
    }
}
