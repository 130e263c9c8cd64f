using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Digests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DigestOptOut",
                table: "Users",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "DigestLogs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WebhookSecret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LastDeliveryAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastDeliveryOk = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastDeliveryStatus = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitChannels_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestLogs_UnitId_Day",
                table: "DigestLogs",
                columns: new[] { "UnitId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DigestLogs_UserId_Day",
                table: "DigestLogs",
                columns: new[] { "UserId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitChannels_UnitId",
                table: "UnitChannels",
                column: "UnitId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestLogs");

            migrationBuilder.DropTable(
                name: "UnitChannels");

            migrationBuilder.DropColumn(
                name: "DigestOptOut",
                table: "Users");
        }
    }
}
