using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportSetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_Role_State_SubmittedAt",
                table: "ProgressReports",
                columns: new[] { "Role", "State", "SubmittedAt" })
                .Annotation("Npgsql:IndexInclude", new[] { "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgressReports_RoundId_Role_State",
                table: "ProgressReports",
                columns: new[] { "RoundId", "Role", "State" })
                .Annotation("Npgsql:IndexInclude", new[] { "ItemId", "UnitId", "Late" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemUnits_Role_ItemId",
                table: "ItemUnits",
                columns: new[] { "Role", "ItemId" })
                .Annotation("Npgsql:IndexInclude", new[] { "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProgressReports_Role_State_SubmittedAt",
                table: "ProgressReports");

            migrationBuilder.DropIndex(
                name: "IX_ProgressReports_RoundId_Role_State",
                table: "ProgressReports");

            migrationBuilder.DropIndex(
                name: "IX_ItemUnits_Role_ItemId",
                table: "ItemUnits");
        }
    }
}
