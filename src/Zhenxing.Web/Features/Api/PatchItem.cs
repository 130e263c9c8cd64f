using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zhenxing.Web.Data;
using Zhenxing.Web.Features.Items;
using Zhenxing.Web.Features.Ledger;
using Zhenxing.Web.Infrastructure.Problems;

namespace Zhenxing.Web.Features.Api;

/// <summary>
/// <c>PATCH /api/v1/items/{id}</c>: the Office changes some fields of an item, based on the version it read.
/// The body is read field by field so that a field sent as null (clear it) differs from one left out (keep it).
/// </summary>
public static class PatchItem
{
    private const int MaxShortTitle = 500;
    private const int MaxDeadlineText = 100;
    private const int MaxFlagReason = 1000;

    public static async Task<Results<Ok<ApiItemDetail>, ValidationProblem, ProblemHttpResult>> RunAsync(
        int id, HttpContext context, ZhenxingDb db, LedgerQuery ledger, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: cancellationToken) as JsonObject;
            if (body is null)
            {
                errors["body"] = ["请求体应为 JSON 对象，例如 {\"status\": \"Done\", \"version\": 3}。"];
            }
        }
        catch (JsonException)
        {
            errors["body"] = ["请求体不是有效的 JSON。"];
        }
        if (body is null)
        {
            return ApiProblems.Invalid(errors, "内容");
        }

        var item = await db.Items.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (item is null)
        {
            return TypedResults.Problem(ItemsApi.ItemNotFound(id));
        }
        if (item.WithdrawnAt is not null)
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict,
                $"事项 {id} 已撤销（{item.WithdrawnReason}），不能修改；如需修改请先在事项页面恢复。"));
        }

        var (ifMatch, bodyVersion) = (IfMatchVersion(context.Request, errors), Field<int>(body, "version", errors));
        var changes = Apply(item, body, errors);
        if (ifMatch.Present && bodyVersion.Present && ifMatch.Value != bodyVersion.Value)
        {
            errors["version"] = [$"请求体中的 version（{bodyVersion.Value}）与 If-Match 请求头（{ifMatch.Value}）不一致。"];
        }
        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors, "字段");
        }
        if (!ifMatch.Present && !bodyVersion.Present)
        {
            return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status428PreconditionRequired,
                "缺少版本号：请在 If-Match 请求头中发送事项的版本（GET 答复的 ETag），或在请求体中包含 version。"));
        }

        var expected = ifMatch.Present ? ifMatch.Value : bodyVersion.Value;
        if (item.Version != expected)
        {
            var detail = $"事项 {id} 已被其他用户修改（您依据的版本为 {expected}，当前版本为 {item.Version}）。请重新读取后再修改。";
            return TypedResults.Problem(ApiProblems.Create(ifMatch.Present ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict, detail));
        }

        if (changes > 0)
        {
            // The row's version must still be the one read, also if another save lands between the read and this one.
            db.Entry(item).Property(i => i.Version).OriginalValue = expected;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return TypedResults.Problem(ApiProblems.Create(StatusCodes.Status409Conflict,
                    $"事项 {id} 刚被其他用户修改，您的修改未保存。请重新读取后再修改。"));
            }
        }

        var saved = await ItemsApi.LoadAsync(db, ledger, id, context.User, cancellationToken);
        context.Response.Headers.ETag = ItemsApi.ETagOf(saved!.Version);
        return TypedResults.Ok(saved);
    }

    private static readonly HashSet<string> Known =
        ["text", "shortTitle", "deadline", "deadlineText", "ongoing", "status", "flagReason", "version"];

    /// <summary>Copies the valid fields onto the item and returns how many of them changed a value.</summary>
    private static int Apply(Item item, JsonObject body, Dictionary<string, string[]> errors)
    {
        foreach (var name in body.Select(p => p.Key).Where(k => !Known.Contains(k)))
        {
            errors[name] = [$"不支持修改字段 {name}；可修改的字段为 {string.Join("、", Known.Where(k => k != "version"))}。"];
        }

        var changes = 0;
        if (Field<string>(body, "text", errors) is { Present: true } text)
        {
            if (string.IsNullOrWhiteSpace(text.Value))
            {
                errors["text"] = ["字段 text（事项内容）不能为空。"];
            }
            else
            {
                Set(item.Text, text.Value.Trim(), v => item.Text = v!);
            }
        }
        if (OptionalText(body, "shortTitle", "简称", MaxShortTitle, errors) is { Present: true } shortTitle)
        {
            Set(item.ShortTitle, shortTitle.Value, v => item.ShortTitle = v);
        }
        if (Field<string>(body, "deadline", errors) is { Present: true } deadline)
        {
            if (deadline.Value is null)
            {
                Set(item.Deadline, null, v => item.Deadline = v);
            }
            else if (DateOnly.TryParseExact(deadline.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Set(item.Deadline, date, v => item.Deadline = v);
            }
            else
            {
                errors["deadline"] = [$"字段 deadline（完成时限）的值“{deadline.Value}”无效，日期应写作 yyyy-MM-dd，例如 2021-08-31。"];
            }
        }
        if (OptionalText(body, "deadlineText", "完成时限原文", MaxDeadlineText, errors) is { Present: true } deadlineText)
        {
            Set(item.DeadlineText, deadlineText.Value, v => item.DeadlineText = v);
        }
        if (Field<bool>(body, "ongoing", errors) is { Present: true } ongoing)
        {
            Set(item.Ongoing, ongoing.Value, v => item.Ongoing = v);
        }
        if (Field<string>(body, "status", errors) is { Present: true } status)
        {
            if (status.Value is { } name && !int.TryParse(name, out _) && Enum.TryParse<ItemStatus>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                Set(item.Status, parsed, v => item.Status = v);
            }
            else
            {
                errors["status"] = [$"字段 status（事项状态）的值“{status.Value}”无效，应为 {string.Join("、", Enum.GetNames<ItemStatus>())} 之一。"];
            }
        }
        if (OptionalText(body, "flagReason", "督办原因", MaxFlagReason, errors) is { Present: true } flag)
        {
            Set(item.FlagReason, flag.Value, v => item.FlagReason = v);
        }
        return changes;

        void Set<T>(T current, T value, Action<T> assign)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                assign(value);
                changes++;
            }
        }
    }

    private readonly record struct Sent<T>(bool Present, T? Value);

    private static Sent<T> Field<T>(JsonObject body, string name, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return default;
        }
        if (node is null)
        {
            if (typeof(T).IsValueType)
            {
                errors[name] = [$"字段 {name} 不能为 null。"];
                return default;
            }
            return new Sent<T>(true, default);
        }
        if (node is JsonValue value && value.TryGetValue<T>(out var typed))
        {
            return new Sent<T>(true, typed);
        }
        errors[name] = [$"字段 {name} 的值 {node.ToJsonString()} 无效，应为{(typeof(T) == typeof(int) ? "整数" : typeof(T) == typeof(bool) ? " true 或 false" : "字符串")}。"];
        return default;
    }

    /// <summary>A text field that may be cleared: null and "" both clear it.</summary>
    private static Sent<string> OptionalText(JsonObject body, string name, string label, int maxLength, Dictionary<string, string[]> errors)
    {
        var sent = Field<string>(body, name, errors);
        if (!sent.Present)
        {
            return sent;
        }
        var text = string.IsNullOrWhiteSpace(sent.Value) ? null : sent.Value.Trim();
        if (text is { Length: var length } && length > maxLength)
        {
            errors[name] = [$"字段 {name}（{label}）不能超过 {maxLength} 个字符。"];
            return default;
        }
        return new Sent<string>(true, text);
    }

    private static Sent<int> IfMatchVersion(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return default;
        }
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        tag = tag.Trim('"');
        if (int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return new Sent<int>(true, version);
        }
        errors["If-Match"] = [$"请求头 If-Match 的值 {header} 无效，应为事项的版本号，例如 \"3\"。"];
        return default;
    }
}
