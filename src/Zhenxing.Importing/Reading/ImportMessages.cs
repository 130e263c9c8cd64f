namespace Zhenxing.Importing.Reading;

internal sealed class ImportMessages
{
    public List<ImportMessage> Warnings { get; } = [];
    public List<ImportMessage> Errors { get; } = [];

    public void Warn(ImportLocation location, string message) => Warnings.Add(new ImportMessage(location, message));

    public void Error(ImportLocation location, string message) => Errors.Add(new ImportMessage(location, message));
}
