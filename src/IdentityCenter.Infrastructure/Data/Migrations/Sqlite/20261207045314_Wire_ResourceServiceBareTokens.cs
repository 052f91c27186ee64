using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Wire_ResourceServiceBareTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllowBareTokens",
                table: "ResourceServices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Services registered before this version checked bare tokens: they keep doing so after the upgrade
            // (an administrator turns it off once a service forwards signed requests). New rows get false from code.
            migrationBuilder.Sql("UPDATE \"ResourceServices\" SET \"AllowBareTokens\" = 1 WHERE \"IsInternal\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowBareTokens",
                table: "ResourceServices");
        }
    }
}
