using Zhenxing.Web.Features.Items;

namespace Zhenxing.Web.Features.Ledger;

/// <summary>
/// The ledger's filters, bound from the query string by the page and the JSON API alike, so that a view
/// is a URL that can be bookmarked and shared.
/// </summary>
public sealed class LedgerFilter
{
    public const int MaxPageSize = 200;

    /// <summary>The <see cref="Category"/> value for items outside every category.</summary>
    public const int NoCategory = 0;

    public int[] List { get; set; } = [];
    public int? Category { get; set; }
    public string? LeadUnit { get; set; }
    public string? ResponsibleUnit { get; set; }

    /// <summary>Any unit named on the item, as lead or responsible — used for counties (受援地) and the battle map.</summary>
    public string? County { get; set; }
    public ItemStatus[] Status { get; set; } = [];
    public StatusLight? Light { get; set; }
    public DateOnly? DeadlineFrom { get; set; }
    public DateOnly? DeadlineTo { get; set; }
    public bool Overdue { get; set; }
    public bool Ongoing { get; set; }
    public bool Instructed { get; set; }

    /// <summary>督办中: a report owed for the item is under supervision.</summary>
    public bool Supervised { get; set; }
    public bool Withdrawn { get; set; }

    /// <summary>A closed round: the ledger as it stood then — its items, with the statuses kept at closing.</summary>
    public int? AsOf { get; set; }
    public string? Q { get; set; }
    public LedgerSort Sort { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = 50;

    public int SafePage => Math.Max(1, Page);
    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>The query string of this filter with one value changed (for paging and sort links).</summary>
    public string ToQueryString(int? page = null, LedgerSort? sort = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        pairs.AddRange(List.Select(l => new KeyValuePair<string, string?>("list", l.ToString())));
        Add("category", Category?.ToString());
        Add("leadUnit", LeadUnit);
        Add("responsibleUnit", ResponsibleUnit);
        Add("county", County);
        pairs.AddRange(Status.Select(s => new KeyValuePair<string, string?>("status", s.ToString())));
        Add("light", Light?.ToString());
        Add("deadlineFrom", DeadlineFrom?.ToString("yyyy-MM-dd"));
        Add("deadlineTo", DeadlineTo?.ToString("yyyy-MM-dd"));
        Add("overdue", Overdue ? "true" : null);
        Add("ongoing", Ongoing ? "true" : null);
        Add("instructed", Instructed ? "true" : null);
        Add("supervised", Supervised ? "true" : null);
        Add("withdrawn", Withdrawn ? "true" : null);
        Add("asOf", AsOf?.ToString());
        Add("q", Q);
        var effectiveSort = sort ?? Sort;
        Add("sort", effectiveSort == LedgerSort.Number ? null : effectiveSort.ToString());
        Add("page", (page ?? SafePage) == 1 ? null : (page ?? SafePage).ToString());
        Add("pageSize", SafePageSize == 50 ? null : SafePageSize.ToString());
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToString();

        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                pairs.Add(new KeyValuePair<string, string?>(key, value));
            }
        }
    }
}

public enum LedgerSort
{
    Number,
    Deadline,
    Status,
    Lead,
}
