using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IdentityCenter.Infrastructure.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SsoOidc : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OidcClients",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    GrantTypes = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    RedirectUris = table.Column<string>(type: "character varying(8192)", maxLength: 8192, nullable: false),
                    IssuerUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SourceIpAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OidcClients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OidcAuthorizations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeviceCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UserCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CodeChallenge = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    RedirectUri = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    State = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Scopes = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    StartUrl = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastPolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    SessionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RedeemedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OidcAuthorizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OidcAuthorizations_OidcClients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "OidcClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OidcTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GrantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    SessionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OidcTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OidcTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OidcTokens_OidcClients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "OidcClients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OidcAuthorizations_ClientId",
                table: "OidcAuthorizations",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_OidcAuthorizations_CodeHash",
                table: "OidcAuthorizations",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OidcAuthorizations_DeviceCodeHash",
                table: "OidcAuthorizations",
                column: "DeviceCodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OidcAuthorizations_ExpiresAt",
                table: "OidcAuthorizations",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OidcAuthorizations_UserCodeHash",
                table: "OidcAuthorizations",
                column: "UserCodeHash");

            migrationBuilder.CreateIndex(
                name: "IX_OidcClients_ExpiresAt",
                table: "OidcClients",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OidcTokens_ClientId",
                table: "OidcTokens",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_OidcTokens_ExpiresAt",
                table: "OidcTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OidcTokens_GrantId",
                table: "OidcTokens",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_OidcTokens_SessionId",
                table: "OidcTokens",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_OidcTokens_TokenHash",
                table: "OidcTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OidcTokens_UserId",
                table: "OidcTokens",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OidcAuthorizations");

            migrationBuilder.DropTable(
                name: "OidcTokens");

            migrationBuilder.DropTable(
                name: "OidcClients");
        }
    }
}
