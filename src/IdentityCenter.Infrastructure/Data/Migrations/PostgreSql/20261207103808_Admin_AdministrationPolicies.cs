using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Admin_AdministrationPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdministrationPolicies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PrincipalType = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PrincipalId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Document = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdministrationPolicies", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ChangeGenerations",
                columns: new[] { "Concern", "Generation" },
                values: new object[] { "administration-policies", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_AdministrationPolicies_PrincipalType_PrincipalId_Name",
                table: "AdministrationPolicies",
                columns: new[] { "PrincipalType", "PrincipalId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdministrationPolicies");

            migrationBuilder.DeleteData(
                table: "ChangeGenerations",
                keyColumn: "Concern",
                keyValue: "administration-policies");
        }
    }
}
