using System.Text;
using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Exports;

/// <summary>The ledger as CSV for data users: one line per item, UTF-8 with a byte order mark so that Excel reads the Chinese.</summary>
public static class WriteLedgerCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Header =
        ["事项编号", "清单", "类别", "序号", "事项名称", "牵头单位", "责任单位", "完成时限", "截止日期", "进展情况", "状态", "红黄绿灯", "亮灯原因"];

    public static byte[] Write(LedgerExportData data)
    {
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var list in data.Lists)
        {
            var labels = list.Categories.ToDictionary(c => c.Id, c => c.Label);
            foreach (var row in list.Items)
            {
                // The id is the one numeric cell: written as a number, the other cells as text.
                text.Append(Number(row.Id)).Append(',');
                Line(text,
                [
                    list.Title, row.CategoryId is { } id ? labels.GetValueOrDefault(id, row.CategoryLabel) : "", row.Number, row.Text,
                    LedgerExportData.Units(row.LeadUnits), LedgerExportData.ResponsibleCell(row), LedgerExportData.DeadlineCell(row),
                    row.Deadline?.ToString("yyyy-MM-dd") ?? "", row.LatestProgress ?? "", row.Status.ToChinese(), row.Light.ToChinese(), row.LightReason,
                ]);
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Field));
        text.Append("\r\n");
    }

    /// <summary>
    /// A text cell: RFC 4180 quoting, and a leading = + - @ (or their full-width forms), tab or carriage return escaped
    /// with a quote so that a spreadsheet shows the text instead of running it: "-1+cmd|…" is a formula too, so text that
    /// starts like a negative number is escaped as well. Numbers go through <see cref="Number"/>.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>A numeric cell: the number as it is, a minus sign included, so that a spreadsheet reads it as a number.</summary>
    public static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
