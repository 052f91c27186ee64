using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.PostgreSql
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Services registered before this version checked bare tokens: they keep doing so after the upgrade
            // (an administrator turns it off once a service forwards signed requests). New rows get false from code.
            migrationBuilder.Sql("UPDATE \"ResourceServices\" SET \"AllowBareTokens\" = TRUE WHERE \"IsInternal\" = FALSE;");
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
