using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Events_WorkshopEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WorkshopEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UserNamePrefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountMode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SharedAccountId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    OrganizationalUnitId = table.Column<string>(type: "TEXT", maxLength: 68, nullable: true),
                    AssignmentScope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WithAuthenticator = table.Column<bool>(type: "INTEGER", nullable: false),
                    GroupIds = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    PermissionSetIds = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UsersDeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkshopAttendees",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkshopAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkshopAttendees_WorkshopEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "WorkshopEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopAttendees_EventId_Number",
                table: "WorkshopAttendees",
                columns: new[] { "EventId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopAttendees_UserId",
                table: "WorkshopAttendees",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkshopEvents_EndedAt_EndsAt",
                table: "WorkshopEvents",
                columns: new[] { "EndedAt", "EndsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WorkshopAttendees");

            migrationBuilder.DropTable(
                name: "WorkshopEvents");
        }
    }
}
