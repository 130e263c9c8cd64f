using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Assessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "QualityRating",
                table: "ProgressReports",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssessmentMethods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompletionWeight = table.Column<int>(type: "integer", nullable: false),
                    PunctualityWeight = table.Column<int>(type: "integer", nullable: false),
                    QualityWeight = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentMethods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentAdjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MethodId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentAdjustments_AssessmentMethods_MethodId",
                        column: x => x.MethodId,
                        principalTable: "AssessmentMethods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentAdjustments_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentLists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MethodId = table.Column<int>(type: "integer", nullable: false),
                    ItemListId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentLists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentLists_AssessmentMethods_MethodId",
                        column: x => x.MethodId,
                        principalTable: "AssessmentMethods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentLists_ItemLists_ItemListId",
                        column: x => x.ItemListId,
                        principalTable: "ItemLists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAdjustments_MethodId_UnitId",
                table: "AssessmentAdjustments",
                columns: new[] { "MethodId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentAdjustments_UnitId",
                table: "AssessmentAdjustments",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentLists_ItemListId",
                table: "AssessmentLists",
                column: "ItemListId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentLists_MethodId_ItemListId",
                table: "AssessmentLists",
                columns: new[] { "MethodId", "ItemListId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentMethods_Year",
                table: "AssessmentMethods",
                column: "Year");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssessmentAdjustments");

            migrationBuilder.DropTable(
                name: "AssessmentLists");

            migrationBuilder.DropTable(
                name: "AssessmentMethods");

            migrationBuilder.DropColumn(
                name: "QualityRating",
                table: "ProgressReports");
        }
    }
}
