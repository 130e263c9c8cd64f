namespace Zhenxing.Importing.Parsing;

/// <summary>What a table column holds. Unknown columns are not imported; their cells are kept as other cells.</summary>
public enum ColumnRole { Unknown, Number, Text, Detail, Lead, Responsible, Deadline, Leader, Category, Supporting, County, City, Note }

/// <summary>The columns of a table, found by header name in any order and with synonyms.</summary>
internal sealed class TableHeader
{
    private static readonly (ColumnRole Role, string[] Names)[] Synonyms =
    [
        (ColumnRole.Number, ["序号", "编号", "序"]),
        (ColumnRole.Leader, ["责任领导", "牵头领导", "分管领导", "联系领导", "市领导", "县领导", "区领导", "省领导", "责任人"]),
        (ColumnRole.Supporting, ["对口支援单位", "支援单位", "帮扶单位", "对口单位", "结对单位"]),
        (ColumnRole.County, ["受援地", "受援县", "受援方", "结对县", "帮扶县", "受援单位"]),
        (ColumnRole.City, ["设区市", "所属市", "所在市", "地市"]),
        (ColumnRole.Lead, ["牵头单位", "牵头部门", "主办单位", "主责单位", "牵头"]),
        (ColumnRole.Responsible, ["责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "参与单位", "责任主体", "承办单位", "责任科室", "责任处室", "责任股室"]),
        (ColumnRole.Deadline, ["完成时限", "时间节点", "完成时间", "时间要求", "办结时限", "截止时间", "时间安排", "进度安排", "推进时限", "办结时间", "时限"]),
        (ColumnRole.Category, ["类别", "分类", "板块"]),
        (ColumnRole.Detail, ["具体要求", "工作措施", "具体措施", "主要措施", "工作要求", "目标要求", "具体内容", "工作目标", "工作举措", "具体举措", "主要举措", "推进措施"]),
        (ColumnRole.Text, ["事项名称", "工作任务", "重点任务", "主要内容", "工作内容", "项目名称", "工作事项", "重点工作", "任务内容", "实事", "事项", "任务", "名称", "内容"]),
        (ColumnRole.Note, ["备注"]),
    ];

    private TableHeader(ColumnRole[] roles, string[] names, bool[]? chosen = null)
    {
        Roles = roles;
        Names = names;
        Chosen = chosen ?? new bool[roles.Length];
    }

    public IReadOnlyList<ColumnRole> Roles { get; }

    /// <summary>The header wording, used to keep cells of columns the ledger has no field for.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Which columns take their role from the Office's choice (<see cref="ImportOptions.ColumnRoles"/>) rather than from their name.</summary>
    public IReadOnlyList<bool> Chosen { get; }

    /// <summary>The column whose merged cells group the rows below: a 类别 column, or 工作任务 beside 具体要求.</summary>
    public int GroupingIndex => IndexOf(ColumnRole.Category) is >= 0 and var c ? c : Has(ColumnRole.Detail) ? IndexOf(ColumnRole.Text) : -1;

    public int ColumnCount => Roles.Count;

    /// <summary>A pairing table pairs units with counties; with an item column it is an item list (援县促市) instead.</summary>
    public bool IsPairing => Has(ColumnRole.Supporting) && Has(ColumnRole.County) && !Has(ColumnRole.Text);

    public bool Has(ColumnRole role) => Roles.Contains(role);

    public int IndexOf(ColumnRole role)
    {
        for (var i = 0; i < Roles.Count; i++)
        {
            if (Roles[i] == role)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Same columns, ignoring empty trailing cells a repeated header may gain or lose.</summary>
    public bool SameAs(TableHeader other) => Known(Roles).SequenceEqual(Known(other.Roles));

    private static IEnumerable<ColumnRole> Known(IReadOnlyList<ColumnRole> roles) =>
        roles.Take(roles.Count - roles.Reverse().TakeWhile(r => r == ColumnRole.Unknown).Count());

    /// <param name="choices">The Office's choices by header wording (<see cref="ImportOptions.ColumnRoles"/>): they win over the names, and the rules below leave them alone.</param>
    public static TableHeader? TryRecognize(IReadOnlyList<string> cells, IReadOnlyDictionary<string, ColumnRole>? choices = null)
    {
        if (cells.Count(c => c.Trim().Length > 0) < 2)
        {
            return null;
        }
        var chosen = cells.Select(c => choices is not null && Clean(c).Length > 0 && choices.ContainsKey(Clean(c))).ToArray();
        var roles = cells.Select((c, i) => chosen[i] ? choices![Clean(c)] : RoleOf(c)).ToArray();
        var recognized = Enumerable.Range(0, roles.Length).Count(i => roles[i] != ColumnRole.Unknown || chosen[i]);
        if (recognized < 2 || recognized * 2 < cells.Count(c => c.Trim().Length > 0))
        {
            return null;
        }
        bool Free(int i) => i >= 0 && !chosen[i];
        if (!roles.Contains(ColumnRole.Text) && Free(Array.IndexOf(roles, ColumnRole.Detail)))
        {
            roles[Array.IndexOf(roles, ColumnRole.Detail)] = ColumnRole.Text;
        }
        if (!roles.Contains(ColumnRole.Detail) && roles.Count(r => r == ColumnRole.Text) >= 3)
        {
            // "重点工作 | 攻坚目标任务 | 工作任务安排": the first names the item; the others describe it and are kept as they are.
            for (var i = Array.IndexOf(roles, ColumnRole.Text) + 1; i < roles.Length; i++)
            {
                if (roles[i] == ColumnRole.Text && Free(i))
                {
                    roles[i] = ColumnRole.Unknown;
                }
            }
        }
        if (!roles.Contains(ColumnRole.Detail) && roles.Count(r => r == ColumnRole.Text) >= 2 && Free(Array.LastIndexOf(roles, ColumnRole.Text)))
        {
            // "工作任务 | 重点任务": the first names the group, the second is the item.
            roles[Array.LastIndexOf(roles, ColumnRole.Text)] = ColumnRole.Detail;
        }
        if (!roles.Contains(ColumnRole.Lead) && roles.Count(r => r == ColumnRole.Responsible) >= 2)
        {
            // With 责任单位 and 配合单位 side by side, 责任单位 is the lead.
            var first = Array.FindIndex(roles, 0, r => r == ColumnRole.Responsible);
            var responsible = Enumerable.Range(0, cells.Count).FirstOrDefault(i => roles[i] == ColumnRole.Responsible && Clean(cells[i]).Contains("责任"), first);
            if (Free(responsible))
            {
                roles[responsible] = ColumnRole.Lead;
            }
        }
        var isItemTable = roles.Contains(ColumnRole.Text);
        var isPairing = roles.Contains(ColumnRole.Supporting) && roles.Contains(ColumnRole.County);
        return isItemTable || isPairing ? new TableHeader(roles, cells.Select(Clean).ToArray(), chosen) : null;
    }

    /// <summary>A second header row ("牵头单位 | 配合单位" under a merged "责任单位") refines the roles above it.</summary>
    public TableHeader? TryRefine(IReadOnlyList<string> cells, IReadOnlyDictionary<string, ColumnRole>? choices = null)
    {
        ColumnRole? Choice(int i) => choices is not null && choices.TryGetValue(Clean(cells[i]), out var role) ? role : null;
        var filled = Enumerable.Range(0, cells.Count).Where(i => cells[i].Trim().Length > 0).ToList();
        if (filled.Count < 2 || filled.Any(i => Choice(i) is null && RoleOf(cells[i]) == ColumnRole.Unknown))
        {
            return null;
        }
        var roles = Roles.ToList();
        var chosen = Chosen.ToList();
        while (roles.Count < cells.Count)
        {
            roles.Add(ColumnRole.Unknown);
            chosen.Add(false);
        }
        foreach (var i in filled)
        {
            roles[i] = Choice(i) ?? RoleOf(cells[i]);
            chosen[i] = Choice(i) is not null;
        }
        var names = Enumerable.Range(0, roles.Count).Select(i => i < cells.Count && cells[i].Trim().Length > 0 ? Clean(cells[i]) : i < Names.Count ? Names[i] : "").ToArray();
        return TryRecognize(roles.Select(NameOf).ToList()) is not null ? new TableHeader([.. roles], names, [.. chosen]) : null;
    }

    /// <summary>
    /// "…序号项目名称主要内容牵头单位配合单位1增加教育…": a header whose cells a copy glued together, with no separator left.
    /// Returns the glued header names, or null.
    /// </summary>
    public static string? GluedHeader(string line)
    {
        var s = Clean(line);
        var at = s.IndexOf("序号", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var window = s[at..Math.Min(s.Length, at + 40)];
        var names = Synonyms.Where(x => x.Role != ColumnRole.Number).SelectMany(x => x.Names.Select(n => (x.Role, Name: n))).ToList();
        if (!names.Any(x => window.AsSpan(2).StartsWith(x.Name)))
        {
            return null;
        }
        var found = names.Where(x => window.Contains(x.Name, StringComparison.Ordinal)).ToList();
        return found.Select(x => x.Role).Distinct().Count() >= 3
            ? window[..found.Max(x => window.LastIndexOf(x.Name, StringComparison.Ordinal) + x.Name.Length)]
            : null;
    }

    /// <summary>The header wording a choice is keyed by: the cell without spaces and the asterisks of required fields.</summary>
    public static string Key(string headerCell) => Clean(headerCell);

    private static string NameOf(ColumnRole role) =>
        Synonyms.FirstOrDefault(s => s.Role == role).Names?.FirstOrDefault() ?? "";

    private static ColumnRole RoleOf(string cell)
    {
        var name = Clean(cell);
        if (name.Length is 0 or > 14)
        {
            return ColumnRole.Unknown;
        }
        foreach (var (role, names) in Synonyms)
        {
            if (role == ColumnRole.Number ? names.Contains(name) : names.Any(name.Contains))
            {
                return role;
            }
        }
        return ColumnRole.Unknown;
    }

    private static string Clean(string cell) => new(cell.Where(c => !char.IsWhiteSpace(c) && c != '*').ToArray());
}
