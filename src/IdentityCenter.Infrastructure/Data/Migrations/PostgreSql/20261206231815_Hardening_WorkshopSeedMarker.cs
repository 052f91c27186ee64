using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Hardening_WorkshopSeedMarker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WorkshopSeededAt",
                table: "SsoInstances",
                type: "timestamp with time zone",
                nullable: true);

            // Databases seeded before the marker existed count as seeded (the seed then had no way to say otherwise).
            migrationBuilder.Sql("""UPDATE "SsoInstances" SET "WorkshopSeededAt" = "CreatedAt" WHERE EXISTS (SELECT 1 FROM "Accounts" WHERE "IsWorkshop");""");
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
