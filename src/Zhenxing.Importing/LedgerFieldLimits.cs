namespace Zhenxing.Importing;

/// <summary>
/// The longest text each field of the ledger takes: what the item form allows and the database columns hold. The
/// importer refuses a longer cell or field with its row named, instead of storing it or dropping it.
/// </summary>
public static class LedgerFieldLimits
{
    public const int ItemNumber = 20;
    public const int ShortTitle = 500;
    public const int ItemText = 20_000;
    public const int DeadlineText = 100;
    public const int UnitName = 200;
    public const int GroupReferences = 1000;
    public const int Leaders = 500;
    public const int ListTitle = 500;
    public const int DocumentNumber = 100;
    public const int CategoryNumber = 20;
    public const int CategoryTitle = 500;
    public const int CategoryPath = 200;

    /// <summary>No cell of a document can become more than the longest field, the item text.</summary>
    public const int Cell = ItemText;
}
