namespace Zhenxing.Importing;

public sealed record ImportMessage(ImportLocation Location, string Message)
{
    public override string ToString() => $"{Location}：{Message}";
}
