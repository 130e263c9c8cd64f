namespace Zhenxing.Importing.Reading;

/// <summary>Turns one document format into lines of cells that the ledger parser reads the same way.</summary>
internal interface IDocumentReader
{
    IReadOnlyList<SourceLine> Read(byte[] content, ImportMessages messages);
}
