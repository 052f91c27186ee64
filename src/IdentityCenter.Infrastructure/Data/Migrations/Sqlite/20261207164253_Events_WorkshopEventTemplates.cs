using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Events_WorkshopEventTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkshopEventTemplates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AttendeeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UserNamePrefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DurationHours = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountMode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SharedAccountId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ParentOrganizationalUnitId = table.Column<string>(type: "TEXT", maxLength: 68, nullable: true),
                    AssignmentScope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WithAuthenticator = table.Column<bool>(type: "INTEGER", nullable: false),
                    GroupIds = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    PermissionSetIds = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopEventTemplates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopEventTemplates_Name",
                table: "WorkshopEventTemplates",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkshopEventTemplates");
        }
    }
}
