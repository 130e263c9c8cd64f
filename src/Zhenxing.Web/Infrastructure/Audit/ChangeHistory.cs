using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Zhenxing.Web.Infrastructure.Audit;

/// <summary>
/// The audit log as a person reads it (变更记录): what changed named in Chinese, values as the pages show them (dates
/// yyyy-MM-dd, times in China time, 是/否, enum values by their Chinese names, a unit by its name), and keys, versions,
/// other rows' ids and bookkeeping left out. The one table of labels for every audited entity and property; a test
/// reads the EF model and fails on any that has none.
/// </summary>
public static class ChangeHistory
{
    private static readonly Dictionary<string, string> EntityNames = new()
    {
        ["ApiKey"] = "API 密钥", ["AssessmentAdjustment"] = "考评加减分", ["AssessmentList"] = "考评清单", ["AssessmentMethod"] = "考评办法",
        ["Bulletin"] = "工作简报", ["BulletinSection"] = "简报段落", ["Category"] = "类别", ["Evidence"] = "佐证材料", ["Instruction"] = "批示",
        ["Item"] = "事项", ["ItemList"] = "清单", ["ItemUnit"] = "单位", ["LiaisonTrip"] = "北上对接", ["MatterProgress"] = "议定事项进展",
        ["Meeting"] = "会议", ["MeetingMatter"] = "议定事项", ["MeetingMatterItem"] = "议定事项关联事项", ["Milestone"] = "形象进度",
        ["Notification"] = "通知", ["Pairing"] = "结对", ["PairingActivity"] = "工作动态", ["PairingScheme"] = "对口支援方案",
        ["ProgressReport"] = "进展报送", ["ReminderLog"] = "催办记录", ["ReportingRound"] = "报送轮次", ["RoundItemStatus"] = "轮次进展状态",
        ["RoundList"] = "轮次清单", ["SignInFailure"] = "登录失败记录", ["SourceDocument"] = "来源文件", ["Target"] = "指标",
        ["TargetEvidence"] = "指标佐证材料", ["TargetMilestone"] = "指标年度目标", ["TargetReport"] = "指标完成值报送", ["TripItem"] = "对接事项",
        ["TripRule"] = "北上对接达标规则", ["Unit"] = "单位", ["UnitAlias"] = "单位别名", ["User"] = "用户",
        ["ExtensionRequest"] = "延期申请", ["Holiday"] = "节假日", ["EscalationStep"] = "提醒催办记录", ["Supervision"] = "督办",
        ["DigestLog"] = "每日摘要记录", ["UnitChannel"] = "群机器人",
    };

    /// <summary>Labels by "Entity.Property" where one entity means something of its own, else by property name.</summary>
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["Name"] = "名称", ["Title"] = "标题", ["Text"] = "内容", ["Number"] = "序号", ["Status"] = "状态", ["State"] = "状态", ["Role"] = "角色",
        ["Kind"] = "类型", ["Level"] = "层级", ["Note"] = "备注", ["Notes"] = "备注", ["Year"] = "年度", ["Value"] = "数值", ["Late"] = "逾期报送",
        ["FileName"] = "文件名", ["ContentType"] = "文件类型", ["Size"] = "文件大小（字节）", ["UploadedAt"] = "上传时间", ["UploadedByName"] = "上传人",
        ["CreatedByName"] = "创建人", ["ReturnReason"] = "退回原因", ["ReviewedByName"] = "审核人", ["SubmittedByName"] = "报送人", ["DocumentNumber"] = "文号",
        ["UnitId"] = "单位", ["People"] = "人员",
        ["Item.Text"] = "事项内容", ["ShortTitle"] = "简称", ["Deadline"] = "完成时限", ["DeadlineText"] = "时限原文", ["Ongoing"] = "长期推进",
        ["Item.Status"] = "进展状态", ["FlagReason"] = "督办原因", ["WithdrawnAt"] = "撤销时间", ["WithdrawnReason"] = "撤销原因",
        ["GroupReferences"] = "泛指单位", ["Leaders"] = "责任领导", ["ReportingFrequency"] = "报送频次", ["ItemUnit.Role"] = "单位类别",
        ["Instruction.Text"] = "批示内容", ["LeaderName"] = "批示领导", ["Answer"] = "答复", ["AnsweredByName"] = "答复人",
        ["Narrative"] = "进展情况", ["Problems"] = "存在问题", ["NextSteps"] = "下步打算", ["Figures"] = "数据", ["ProgressReport.State"] = "报送状态",
        ["ProgressReport.Status"] = "进展状态", ["ProgressReport.Role"] = "报送单位类别", ["QualityRating"] = "质量评分",
        ["RoundItemStatus.Status"] = "进展状态", ["Reported"] = "已报送",
        ["DueOn"] = "截止日期", ["Milestone.DueOn"] = "应完成日期", ["Description"] = "形象进度", ["AchievedAt"] = "达成时间",
        ["LastUsedAt"] = "最近使用时间", ["Prefix"] = "密钥前缀", ["RevokedAt"] = "吊销时间",
        ["Points"] = "分值", ["Reason"] = "原因", ["CompletionWeight"] = "完成情况权重", ["PunctualityWeight"] = "报送及时性权重", ["QualityWeight"] = "报送质量权重",
        ["Bulletin.Number"] = "期号", ["IssuingOrgan"] = "编发单位", ["PeriodFrom"] = "统计起始日期", ["PeriodTo"] = "统计截止日期",
        ["PublishedAt"] = "发布时间", ["PublishedByName"] = "发布人", ["Heading"] = "段落标题",
        ["Category.Number"] = "编号", ["DeclaredCount"] = "文件所列项数",
        ["DeclaredTotal"] = "文件所列总数", ["IssuingUnitId"] = "印发单位", ["ItemList.Kind"] = "清单类型", ["MonthlyReportingDay"] = "每月报送日",
        ["Destination"] = "对接单位", ["DestinationUnitId"] = "对接单位（单位名录）", ["Outcome"] = "对接成果", ["PrincipalLeaderWent"] = "主要负责同志带队",
        ["TravelledOn"] = "对接日期",
        ["At"] = "时间", ["ByName"] = "填报人", ["MatterProgress.Status"] = "落实状态",
        ["HeldOn"] = "召开日期", ["Meeting.Level"] = "会议类型",
        ["Decision"] = "议定内容", ["LandedOn"] = "落地日期", ["LeadUnitId"] = "牵头单位", ["MeetingMatter.Text"] = "议定事项", ["MeetingMatter.Status"] = "落实状态",
        ["Notification.Text"] = "通知内容", ["Link"] = "链接", ["ReadAt"] = "阅读时间",
        ["City"] = "受援市", ["CountyNote"] = "受援县（区）说明", ["CountyUnitId"] = "受援县（区）", ["EndReason"] = "结束原因", ["EndsOn"] = "结束日期",
        ["StartsOn"] = "开始日期", ["SupportingUnitId"] = "支援单位",
        ["Amount"] = "金额（万元）", ["Batch"] = "批次", ["Counterpart"] = "对接对象", ["PairingActivity.Kind"] = "动态类型", ["LeaderRank"] = "领导职级",
        ["OccurredOn"] = "日期", ["PlanKind"] = "方案类型", ["Post"] = "挂职岗位", ["SupportKind"] = "支持类型", ["TermEndRemindedAt"] = "期满提醒时间",
        ["TermEndsOn"] = "挂职期满日期",
        ["StartYear"] = "起始年份", ["EndYear"] = "结束年份",
        ["SentAt"] = "发送时间", ["Step"] = "催办步骤",
        ["ClosedAt"] = "关闭时间", ["IncludeResponsibleUnits"] = "责任单位也报送", ["IncludeTargets"] = "同时报送指标", ["OpensOn"] = "开始日期",
        ["ClientAddress"] = "客户端地址", ["Failures"] = "失败次数", ["LastFailedAt"] = "最近失败时间", ["LockedUntil"] = "锁定至",
        ["ConfirmedAt"] = "确认时间",
        ["BaselineValue"] = "基期值", ["BaselineYear"] = "基期年份", ["Direction"] = "方向", ["MeasureUnit"] = "计量单位", ["OwnerUnitId"] = "责任单位",
        ["SourceName"] = "来源文件", ["SourceSentence"] = "原文", ["TargetValue"] = "目标值", ["TargetYear"] = "目标年份",
        ["TargetMilestone.Value"] = "年度目标值", ["TargetReport.Value"] = "完成值", ["AsOf"] = "截至日期",
        ["NationalVisits"] = "赴国家部委次数", ["NationalWindowMonths"] = "统计月数", ["ProvincialPerMonth"] = "每月赴省直部门次数",
        ["DisplayName"] = "姓名", ["Email"] = "电子邮箱", ["IsActive"] = "启用", ["UserName"] = "用户名",
        ["UnitAlias.Name"] = "别名",
        ["UnratedQualityLeftOut"] = "未评分的报送质量不计入",
        ["ExtendedDeadline"] = "延期至", ["CurrentDeadline"] = "原时限", ["RequestedDeadline"] = "申请延期至", ["ExtensionRequest.Reason"] = "延期理由",
        ["Progress"] = "目前进展", ["RequestedAt"] = "申请时间", ["RequestedByName"] = "申请人", ["DecidedAt"] = "审批时间", ["DecidedByName"] = "审批人",
        ["DecisionReason"] = "审批意见", ["ExtensionRequest.State"] = "审批状态",
        ["Date"] = "日期", ["Holiday.Kind"] = "类型",
        ["AssignedAt"] = "交办时间", ["AcknowledgedAt"] = "签收时间", ["AcknowledgedByName"] = "签收人", ["AcknowledgementChasedAt"] = "签收催办时间",
        ["AcknowledgeWithinWorkingDays"] = "签收时限（工作日）", ["RemindWorkingDaysBefore"] = "截止前提醒（工作日）",
        ["SuperviseWorkingDaysAfter"] = "逾期后转督办（工作日）",
        ["EscalationStep.Level"] = "步骤", ["TakenAt"] = "时间", ["Since"] = "督办开始时间", ["Supervision.Reason"] = "督办原因",
        ["Day"] = "日期", ["DigestOptOut"] = "不接收每日摘要", ["MustChangePassword"] = "须修改密码",
        ["UnitChannel.Kind"] = "机器人类型", ["WebhookUrl"] = "机器人地址", ["LastDeliveryAt"] = "最近发送时间", ["LastDeliveryOk"] = "最近发送成功",
        ["LastDeliveryStatus"] = "最近发送结果",
    };

    /// <summary>
    /// Bookkeeping nobody reads in a history: the entry's own time and actor say when and who; positions, hashes,
    /// file contents and secrets are not news.
    /// </summary>
    private static readonly HashSet<string> Bookkeeping =
    [
        "Version", "Position", "CreatedAt", "UpdatedAt", "UpdatedByName", "SubmittedAt", "ReviewedAt", "AnsweredAt", "SourceLocation",
        "Path", "Content", "Sha256", "ConfirmedSha256", "ReadingChoices", "PasswordHash", "SecurityStamp", "Hash", "WebhookSecret",
    ];

    private const string Empty = "（空）";

    private static readonly ConcurrentDictionary<(IModel, string), IReadOnlyDictionary<string, Type>> Types = new();

    /// <summary>"新增事项", "修改进展报送".</summary>
    public static string Describe(string entityType, AuditAction action) => action switch
    {
        AuditAction.Added => "新增",
        AuditAction.Modified => "修改",
        _ => "删除",
    } + EntityName(entityType);

    public static string EntityName(string entityType) => EntityNames.GetValueOrDefault(entityType, "记录");

    /// <summary>The label of a property, or null when the history leaves it out (keys, other rows' ids, bookkeeping).</summary>
    public static string? FieldLabel(string entityType, string property, Type clrType)
    {
        if (Bookkeeping.Contains(property) || property == "Id" || (IsId(property, clrType) && !IsUnit(property)))
        {
            return null;
        }
        return FieldNames.GetValueOrDefault($"{entityType}.{property}") ?? FieldNames.GetValueOrDefault(property);
    }

    /// <summary>The ids of units that <paramref name="entries"/> name, to look their names up once.</summary>
    public static IEnumerable<int> UnitIds(IEnumerable<AuditEntry> entries) =>
        entries.SelectMany(e => Parse(e.Before).Concat(Parse(e.After)))
            .Where(p => IsUnit(p.Key) && p.Value.ValueKind == JsonValueKind.Number)
            .Select(p => p.Value.GetInt32()).Distinct();

    /// <summary>The fields that differ between an entry's snapshots, as "标签：旧值 → 新值" joined by "；".</summary>
    public static string Changes(IModel model, AuditEntry entry, IReadOnlyDictionary<int, string> unitNames)
    {
        var types = Types.GetOrAdd((model, entry.EntityType), key => key.Item1.GetEntityTypes()
            .FirstOrDefault(t => t.ClrType.Name == key.Item2)?.GetProperties().ToDictionary(p => p.Name, p => p.ClrType)
            ?? new Dictionary<string, Type>());
        var old = Parse(entry.Before);
        var now = Parse(entry.After);
        var changes = new List<string>();
        foreach (var key in old.Keys.Union(now.Keys))
        {
            if (!types.TryGetValue(key, out var type) || FieldLabel(entry.EntityType, key, type) is not { } label)
            {
                continue;
            }
            var was = old.TryGetValue(key, out var o) ? Show(key, type, o, unitNames) : null;
            var becomes = now.TryGetValue(key, out var n) ? Show(key, type, n, unitNames) : null;
            // A new or deleted row lists only the fields it has.
            if (was == becomes || (entry.Before is null || entry.After is null) && (was ?? becomes) == Empty)
            {
                continue;
            }
            changes.Add(entry.Before is null ? $"{label}：{becomes}"
                : entry.After is null ? $"{label}：{was}"
                : $"{label}：{was} → {becomes}");
        }
        return string.Join("；", changes);
    }

    /// <summary>A stored value as the pages show it.</summary>
    internal static string Show(string property, Type type, JsonElement value, IReadOnlyDictionary<int, string> unitNames)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var text = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => "是",
            JsonValueKind.False => "否",
            _ when IsUnit(property) && value.TryGetInt32(out var unitId) => unitNames.GetValueOrDefault(unitId, "（已删除的单位）"),
            JsonValueKind.String when underlying == typeof(DateTimeOffset) && value.TryGetDateTimeOffset(out var at) => ChinaTime.Format(at),
            JsonValueKind.String when underlying == typeof(DateTime) && value.TryGetDateTime(out var time) => ChinaTime.Format(new DateTimeOffset(time, TimeSpan.Zero)),
            JsonValueKind.String when underlying.IsEnum => EnumNames.ToChinese(underlying, value.GetString()!) ?? value.GetString(),
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        return text is null or "" ? Empty : text.Length > 60 ? text[..60] + "…" : text;
    }

    private static bool IsId(string property, Type clrType) =>
        property.EndsWith("Id", StringComparison.Ordinal) && (Nullable.GetUnderlyingType(clrType) ?? clrType) is var t && (t == typeof(int) || t == typeof(long));

    private static bool IsUnit(string property) => property.EndsWith("UnitId", StringComparison.Ordinal);

    private static Dictionary<string, JsonElement> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
