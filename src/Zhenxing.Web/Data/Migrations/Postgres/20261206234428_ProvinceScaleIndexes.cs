using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zhenxing.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProvinceScaleIndexes : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_Items_Overdue",
                table: "Items",
                column: "Deadline",
                filter: "\"WithdrawnAt\" IS NULL AND \"Status\" <> 'Done' AND NOT \"Ongoing\" AND \"Deadline\" IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "ItemListId", "CategoryId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ItemUnits_UnitId_Role",
                table: "ItemUnits");

            migrationBuilder.DropIndex(
                name: "IX_Items_Overdue",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_ItemUnits_UnitId_Role",
                table: "ItemUnits",
                columns: new[] { "UnitId", "Role" });
        }
    }
}
