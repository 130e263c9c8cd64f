using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnitItemsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ItemUnits_UnitId_Role",
                table: "ItemUnits");

            migrationBuilder.CreateIndex(
                name: "IX_ItemUnits_UnitId_Role",
                table: "ItemUnits",
                columns: new[] { "UnitId", "Role" })
                .Annotation("Npgsql:IndexInclude", new[] { "ItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ItemUnits_UnitId_Role",
                table: "ItemUnits");

            migrationBuilder.CreateIndex(
                name: "IX_ItemUnits_UnitId_Role",
                table: "ItemUnits",
                columns: new[] { "UnitId", "Role" });
        }
    }
}
