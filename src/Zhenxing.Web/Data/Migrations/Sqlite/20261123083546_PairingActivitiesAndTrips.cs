using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PairingActivitiesAndTrips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EndReason",
                table: "Pairings",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EndsOn",
                table: "Pairings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplacedById",
                table: "Pairings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartsOn",
                table: "Pairings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LiaisonTrips",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    TravelledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    People = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PrincipalLeaderWent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DestinationUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiaisonTrips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiaisonTrips_Units_DestinationUnitId",
                        column: x => x.DestinationUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LiaisonTrips_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PairingActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PairingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    People = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Counterpart = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LeaderRank = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PlanKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Post = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Batch = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TermEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TermEndRemindedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupportKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairingActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairingActivities_Pairings_PairingId",
                        column: x => x.PairingId,
                        principalTable: "Pairings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TripRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProvincialPerMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    NationalVisits = table.Column<int>(type: "INTEGER", nullable: false),
                    NationalWindowMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TripItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TripId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TripItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TripItems_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TripItems_LiaisonTrips_TripId",
                        column: x => x.TripId,
                        principalTable: "LiaisonTrips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Pairings_ReplacedById",
                table: "Pairings",
                column: "ReplacedById");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonTrips_DestinationUnitId",
                table: "LiaisonTrips",
                column: "DestinationUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonTrips_TravelledOn",
                table: "LiaisonTrips",
                column: "TravelledOn");

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonTrips_UnitId_TravelledOn",
                table: "LiaisonTrips",
                columns: new[] { "UnitId", "TravelledOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PairingActivities_Kind_OccurredOn",
                table: "PairingActivities",
                columns: new[] { "Kind", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PairingActivities_PairingId_OccurredOn",
                table: "PairingActivities",
                columns: new[] { "PairingId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TripItems_ItemId",
                table: "TripItems",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_TripItems_TripId_ItemId",
                table: "TripItems",
                columns: new[] { "TripId", "ItemId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Pairings_Pairings_ReplacedById",
                table: "Pairings",
                column: "ReplacedById",
                principalTable: "Pairings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Pairings_Pairings_ReplacedById",
                table: "Pairings");

            migrationBuilder.DropTable(
                name: "PairingActivities");

            migrationBuilder.DropTable(
                name: "TripItems");

            migrationBuilder.DropTable(
                name: "TripRules");

            migrationBuilder.DropTable(
                name: "LiaisonTrips");

            migrationBuilder.DropIndex(
                name: "IX_Pairings_ReplacedById",
                table: "Pairings");

            migrationBuilder.DropColumn(
                name: "EndReason",
                table: "Pairings");

            migrationBuilder.DropColumn(
                name: "EndsOn",
                table: "Pairings");

            migrationBuilder.DropColumn(
                name: "ReplacedById",
                table: "Pairings");

            migrationBuilder.DropColumn(
                name: "StartsOn",
                table: "Pairings");
        }
    }
}
