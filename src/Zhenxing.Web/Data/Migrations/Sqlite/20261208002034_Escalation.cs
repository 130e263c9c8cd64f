using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Escalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AcknowledgedAt",
                table: "ItemUnits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcknowledgedByName",
                table: "ItemUnits",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AcknowledgementChasedAt",
                table: "ItemUnits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AssignedAt",
                table: "ItemUnits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AcknowledgeWithinWorkingDays",
                table: "ItemLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindWorkingDaysBefore",
                table: "ItemLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SuperviseWorkingDaysAfter",
                table: "ItemLists",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EscalationSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TakenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EscalationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EscalationSteps_ReportingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ReportingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Holidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Supervisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Supervisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Supervisions_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Supervisions_ReportingRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ReportingRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Supervisions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EscalationSteps_RoundId_ItemId_UnitId_Level",
                table: "EscalationSteps",
                columns: new[] { "RoundId", "ItemId", "UnitId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Holidays_Date",
                table: "Holidays",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Supervisions_ItemId_ClosedAt",
                table: "Supervisions",
                columns: new[] { "ItemId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Supervisions_RoundId_ItemId_UnitId",
                table: "Supervisions",
                columns: new[] { "RoundId", "ItemId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Supervisions_UnitId",
                table: "Supervisions",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EscalationSteps");

            migrationBuilder.DropTable(
                name: "Holidays");

            migrationBuilder.DropTable(
                name: "Supervisions");

            migrationBuilder.DropColumn(
                name: "AcknowledgedAt",
                table: "ItemUnits");

            migrationBuilder.DropColumn(
                name: "AcknowledgedByName",
                table: "ItemUnits");

            migrationBuilder.DropColumn(
                name: "AcknowledgementChasedAt",
                table: "ItemUnits");

            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "ItemUnits");

            migrationBuilder.DropColumn(
                name: "AcknowledgeWithinWorkingDays",
                table: "ItemLists");

            migrationBuilder.DropColumn(
                name: "RemindWorkingDaysBefore",
                table: "ItemLists");

            migrationBuilder.DropColumn(
                name: "SuperviseWorkingDaysAfter",
                table: "ItemLists");
        }
    }
}
