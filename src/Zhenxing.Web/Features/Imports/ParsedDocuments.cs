using Microsoft.Extensions.Caching.Memory;
using Zhenxing.Importing;

namespace Zhenxing.Web.Features.Imports;

/// <summary>
/// The documents this node parsed lately, by content hash, year, file name and the Office's reading choices: confirming an
/// upload plans it again against the ledger as it is then, but need not parse the same bytes twice (a few seconds for a list
/// of ten thousand items). Parsing is a pure function of those four, so a node that did not see the preview simply parses again.
/// </summary>
public sealed class ParsedDocuments(DocumentImporter importer) : IDisposable
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _parsed = new(new MemoryCacheOptions { SizeLimit = 8 });

    public ParsedDocument Parse(SourceDocument document)
    {
        var key = $"{document.Sha256}|{document.Year}|{document.FileName}|{document.ReadingChoices}";
        if (_parsed.TryGetValue(key, out ParsedDocument? parsed) && parsed is not null)
        {
            return parsed;
        }
        parsed = importer.Parse(document.Content, document.FileName, ReadingChoices.Of(document).ToOptions(document.Year));
        if (!parsed.TimedOut)
        {
            _parsed.Set(key, parsed, new MemoryCacheEntryOptions { SlidingExpiration = KeptFor, Size = 1 });
        }
        return parsed;
    }

    public void Dispose() => _parsed.Dispose();
}
