using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.PostgreSql
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
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    PermissionSetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ServiceNamespace = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastDecision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AllowedCount = table.Column<long>(type: "bigint", nullable: false),
                    DeniedCount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessAdvisor", x => new { x.UserId, x.AccountId, x.PermissionSetId, x.Action });
                });

            migrationBuilder.CreateTable(
                name: "CredentialRevocations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PrincipalId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AccountId = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    PermissionSetId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialRevocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CredentialTokenKeys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ProtectedMaterial = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CredentialTokenKeys", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "ResourceServices",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    KeyPrefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IsInternal = table.Column<bool>(type: "boolean", nullable: false)
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
