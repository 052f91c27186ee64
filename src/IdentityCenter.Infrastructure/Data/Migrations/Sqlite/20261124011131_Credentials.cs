using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Credentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessAdvisor",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PermissionSetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ServiceNamespace = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastDecision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AllowedCount = table.Column<long>(type: "INTEGER", nullable: false),
                    DeniedCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessAdvisor", x => new { x.UserId, x.AccountId, x.PermissionSetId, x.Action });
                });

            migrationBuilder.CreateTable(
                name: "CredentialRevocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PrincipalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    PermissionSetId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialRevocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CredentialTokenKeys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ProtectedMaterial = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialTokenKeys", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "ResourceServices",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    IsInternal = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceServices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessAdvisor_PermissionSetId_ServiceNamespace",
                table: "AccessAdvisor",
                columns: new[] { "PermissionSetId", "ServiceNamespace" });

            migrationBuilder.CreateIndex(
                name: "IX_CredentialRevocations_RevokedAt",
                table: "CredentialRevocations",
                column: "RevokedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceServices_KeyHash",
                table: "ResourceServices",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceServices_Name",
                table: "ResourceServices",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessAdvisor");

            migrationBuilder.DropTable(
                name: "CredentialRevocations");

            migrationBuilder.DropTable(
                name: "CredentialTokenKeys");

            migrationBuilder.DropTable(
                name: "ResourceServices");
        }
    }
}
