using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Admin_SsoAdminApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SsoAdminOperations",
                columns: table => new
                {
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TargetId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    PermissionSetArn = table.Column<string>(type: "TEXT", maxLength: 1224, nullable: false),
                    PrincipalType = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    PrincipalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SsoAdminOperations", x => x.RequestId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SsoAdminOperations_Kind_CreatedAt",
                table: "SsoAdminOperations",
                columns: new[] { "Kind", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SsoAdminOperations");
        }
    }
}
