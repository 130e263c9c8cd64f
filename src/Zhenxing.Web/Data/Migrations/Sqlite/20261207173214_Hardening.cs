using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedSignIns",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "Users");

            migrationBuilder.AddColumn<string>(
                name: "SecurityStamp",
                table: "Users",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedSha256",
                table: "SourceDocuments",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Every existing user gets a stamp of their own; cookies issued before have none and end at their next request.
            migrationBuilder.Sql("""UPDATE "Users" SET "SecurityStamp" = lower(hex(randomblob(16)));""");

            // Of copies of one file confirmed before the unique index, the first keeps the claim on its content.
            migrationBuilder.Sql("""
                UPDATE "SourceDocuments" SET "ConfirmedSha256" = "Sha256"
                WHERE "ConfirmedAt" IS NOT NULL
                  AND "Id" = (SELECT MIN(d."Id") FROM "SourceDocuments" AS d WHERE d."Sha256" = "SourceDocuments"."Sha256" AND d."ConfirmedAt" IS NOT NULL);
                """);

            migrationBuilder.CreateTable(
                name: "SignInFailures",
                columns: table => new
                {
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFailedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInFailures", x => new { x.UserId, x.ClientAddress });
                    table.ForeignKey(
                        name: "FK_SignInFailures_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SourceDocuments_ConfirmedSha256",
                table: "SourceDocuments",
                column: "ConfirmedSha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignInFailures_LastFailedAt",
                table: "SignInFailures",
                column: "LastFailedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInFailures");

            migrationBuilder.DropIndex(
                name: "IX_SourceDocuments_ConfirmedSha256",
                table: "SourceDocuments");

            migrationBuilder.DropColumn(
                name: "SecurityStamp",
                table: "Users");

            migrationBuilder.DropColumn(
                name: "ConfirmedSha256",
                table: "SourceDocuments");

            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LockedUntil",
                table: "Users",
                type: "INTEGER",
                nullable: true);
        }
    }
}
