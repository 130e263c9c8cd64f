using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;

namespace Zhenxing.Web.Features.Api;

/// <summary>
/// Reads <see cref="LedgerFilter"/> from the query string of <c>GET /api/v1/items</c>, the ledger page and its
/// exports, with the same parameter names, and names every bad value in Chinese instead of failing the binding
/// silently: a filter that cannot be read must not answer the whole ledger as if it had been applied.
/// </summary>
public static class LedgerFilterQuery
{
    /// <param name="query">The query string.</param>
    /// <param name="withAsOf">Whether <c>asOf</c> (a closed round, the ledger as it stood then) is a known parameter: on the page, not in the API.</param>
    public static (LedgerFilter Filter, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, bool withAsOf = false)
    {
        var filter = new LedgerFilter();
        var errors = new Dictionary<string, string[]>();
        string[] names = withAsOf ? [.. Names, "asOf"] : Names;
        // A misspelt filter must not silently answer the whole ledger.
        foreach (var unknown in query.Keys.Where(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            Add(unknown, $"未知的查询参数 {unknown}；可用的参数为 {string.Join("、", names)}。");
        }

        filter.List = [.. Values(query, "list").Select(v => Integer(v, "list", "清单编号", minimum: 1)).OfType<int>()];
        filter.Category = Single(query, "category") is { } category ? Integer(category, "category", "类别编号（0 为未分类）", minimum: 0) : null;
        filter.LeadUnit = Single(query, "leadUnit");
        filter.ResponsibleUnit = Single(query, "responsibleUnit");
        filter.County = Single(query, "county");
        filter.Status = [.. Values(query, "status").Select(v => Enumeration<ItemStatus>(v, "status", "事项状态")).OfType<ItemStatus>()];
        filter.Light = Single(query, "light") is { } light ? Enumeration<StatusLight>(light, "light", "红黄绿灯") : null;
        filter.DeadlineFrom = Single(query, "deadlineFrom") is { } from ? Date(from, "deadlineFrom", "完成时限从") : null;
        filter.DeadlineTo = Single(query, "deadlineTo") is { } to ? Date(to, "deadlineTo", "完成时限至") : null;
        filter.Overdue = Flag("overdue", "已逾期");
        filter.Ongoing = Flag("ongoing", "长期推进");
        filter.Instructed = Flag("instructed", "有领导批示");
        filter.Supervised = Flag("supervised", "督办中");
        filter.Withdrawn = Flag("withdrawn", "已撤销");
        filter.Q = Single(query, "q");
        filter.Sort = Single(query, "sort") is { } sort ? Enumeration<LedgerSort>(sort, "sort", "排序方式") ?? LedgerSort.Number : LedgerSort.Number;
        filter.Page = Single(query, "page") is { } page ? Integer(page, "page", "页码", minimum: 1) ?? 1 : 1;
        filter.PageSize = Single(query, "pageSize") is { } size ? Integer(size, "pageSize", "每页条数", minimum: 1, maximum: LedgerFilter.MaxPageSize) ?? 50 : 50;
        if (withAsOf)
        {
            filter.AsOf = Single(query, "asOf") is { } asOf ? Integer(asOf, "asOf", "时点台账的报送轮次编号", minimum: 1) : null;
        }
        return (filter, errors);

        bool Flag(string name, string label)
        {
            if (Single(query, name) is not { } value)
            {
                return false;
            }
            if (bool.TryParse(value, out var flag))
            {
                return flag;
            }
            if (value is "1" or "0")
            {
                return value == "1";
            }
            Add(name, $"参数 {name}（{label}）的值“{value}”无效，应为 true 或 false。");
            return false;
        }

        int? Integer(string value, string name, string label, int minimum, int maximum = int.MaxValue)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
            {
                return number;
            }
            Add(name, maximum == int.MaxValue
                ? $"参数 {name}（{label}）的值“{value}”无效，应为不小于 {minimum} 的整数。"
                : $"参数 {name}（{label}）的值“{value}”无效，应为 {minimum} 到 {maximum} 之间的整数。");
            return null;
        }

        TEnum? Enumeration<TEnum>(string value, string name, string label) where TEnum : struct, Enum
        {
            if (!int.TryParse(value, out _) && Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                return parsed;
            }
            Add(name, $"参数 {name}（{label}）的值“{value}”无效，应为 {string.Join("、", Enum.GetNames<TEnum>())} 之一。");
            return null;
        }

        DateOnly? Date(string value, string name, string label)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            // 2026-02-30 is written right but does not exist; say so rather than repeat the format.
            var written = System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}$");
            Add(name, $"参数 {name}（{label}）的值“{value}”{(written ? "不是存在的日期" : "无效")}，日期应写作 yyyy-MM-dd，例如 2021-08-31。");
            return null;
        }

        void Add(string name, string message) =>
            errors[name] = errors.TryGetValue(name, out var existing) ? [.. existing, message] : [message];
    }

    private static readonly string[] Names =
        ["list", "category", "leadUnit", "responsibleUnit", "county", "status", "light", "deadlineFrom", "deadlineTo",
         "overdue", "ongoing", "instructed", "supervised", "withdrawn", "q", "sort", "page", "pageSize"];

    private static IEnumerable<string> Values(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values)
            ? values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : [];

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.LastOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } value ? value.Trim() : null;

    /// <summary>The query parameters in the OpenAPI document, since the handler reads them itself.</summary>
    public static void Document(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        Add("list", "清单编号，可重复（list=1&list=2）或以逗号分隔。", Array(Integer()));
        Add("category", "类别编号；包含其下级类别。", Integer());
        Add("leadUnit", "牵头单位名称或简称，例如 市财政局。", Text());
        Add("responsibleUnit", "责任单位名称或简称。", Text());
        Add("county", "县（市、区）：作为牵头或责任单位出现在事项上的任一单位。", Text());
        Add("status", "事项状态，可重复：" + ApiDocs.Statuses, Array(Names<ItemStatus>()));
        Add("light", "红黄绿灯：" + ApiDocs.Lights, Names<StatusLight>());
        Add("deadlineFrom", "完成时限不早于此日期（yyyy-MM-dd）。", DateText());
        Add("deadlineTo", "完成时限不晚于此日期（yyyy-MM-dd）。", DateText());
        Add("overdue", "只看已超过完成时限且未落实到位的事项。", Boolean());
        Add("ongoing", "只看长期推进事项（长期坚持、持续推进）。", Boolean());
        Add("instructed", "只看有领导批示的事项。", Boolean());
        Add("supervised", "只看督办中的事项（报送截止后经催办仍未报送）。", Boolean());
        Add("withdrawn", "只看已撤销的事项（默认不含已撤销事项）。", Boolean());
        Add("q", "在事项内容和简称中查找的文字，例如 瑞金。", Text());
        Add("sort", "排序：Number 按清单和序号（默认）、Deadline 按完成时限、Status 按状态、Lead 按牵头单位。", Names<LedgerSort>());
        Add("page", "页码，从 1 开始（默认 1）。", Integer());
        Add("pageSize", $"每页条数，1 到 {LedgerFilter.MaxPageSize}（默认 50）。", Integer());

        void Add(string name, string description, OpenApiSchema schema) =>
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = schema,
                Style = ParameterStyle.Form,
                Explode = true,
            });

        static OpenApiSchema Integer() => new() { Type = JsonSchemaType.Integer, Format = "int32" };
        static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };
        static OpenApiSchema Boolean() => new() { Type = JsonSchemaType.Boolean };
        static OpenApiSchema DateText() => new() { Type = JsonSchemaType.String, Format = "date" };
        static OpenApiSchema Array(OpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };
        static OpenApiSchema Names<TEnum>() where TEnum : struct, Enum =>
            new() { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames<TEnum>().Select(n => (JsonNode)JsonValue.Create(n))] };
    }
}
