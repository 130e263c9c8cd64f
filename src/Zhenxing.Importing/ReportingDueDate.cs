namespace Zhenxing.Importing;

/// <summary>A date by which units must report, as the notice states it ("请于 6 月 30 日、12 月 30 日之前…报至市振兴办").</summary>
public sealed record ReportingDueDate(DateOnly? Date, string Text, ImportLocation Location);
