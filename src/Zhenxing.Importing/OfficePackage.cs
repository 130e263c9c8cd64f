using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace Zhenxing.Importing;

/// <summary>An opened .docx or .xlsx, or why it was not opened (a Chinese sentence naming the part).</summary>
public sealed class OfficeDocument<T>(T? package, string? problem) : IDisposable where T : OpenXmlPackage
{
    public T? Package { get; } = package;
    public string? Problem { get; } = problem;

    public void Dispose() => Package?.Dispose();
}

/// <summary>
/// The one way the app opens an uploaded .docx or .xlsx with the OpenXML SDK (the importer, the target extraction and
/// the reporting sheets), after <see cref="OfficeZip"/> has checked the zip's directory. Every part of the package is
/// first streamed through an <see cref="XmlReader"/>, which holds only the element it is on, counting how deep the
/// elements nest and how many there are: the SDK builds its tree by recursing once per level, so 20,000 nested content
/// controls overflow the thread's stack and end the whole process, and deep nesting inside sheet data costs time that
/// grows with the square of the depth. Only a package that passes is opened, and the SDK then reads it through a
/// stream that stops the parse when its <see cref="ParseDeadline"/> has passed.
/// </summary>
public static class OfficePackage
{
    /// <summary>
    /// Word and Excel nest a few dozen levels at most (tables in tables, text boxes, equations); this is far more than
    /// any real document needs and far less than what exhausts a stack.
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>Elements in all parts together: a ledger sheet as large as the importer takes (20 MB, some 280,000 rows) has about 6 million.</summary>
    public const long MaxElements = 8_000_000;

    public static OfficeDocument<WordprocessingDocument> OpenWord(byte[] content, long maxPartBytes, ParseDeadline deadline) =>
        Open(content, maxPartBytes, deadline, (stream, settings) => WordprocessingDocument.Open(stream, false, settings));

    public static OfficeDocument<SpreadsheetDocument> OpenSpreadsheet(byte[] content, long maxPartBytes, ParseDeadline deadline) =>
        Open(content, maxPartBytes, deadline, (stream, settings) => SpreadsheetDocument.Open(stream, false, settings));

    private static OfficeDocument<T> Open<T>(byte[] content, long maxPartBytes, ParseDeadline deadline, Func<Stream, OpenSettings, T> open)
        where T : OpenXmlPackage
    {
        if (Check(content, maxPartBytes, deadline) is { } problem)
        {
            return new OfficeDocument<T>(null, problem);
        }
        // The part limit guards again, in case the zip directory lied about sizes.
        var settings = new OpenSettings { MaxCharactersInPart = maxPartBytes };
        return new OfficeDocument<T>(open(new DeadlineStream(content, deadline), settings), null);
    }

    /// <returns>Why the package is refused, in Chinese, or null when every part is within the limits.</returns>
    public static string? Check(byte[] content, long maxPartBytes, ParseDeadline deadline)
    {
        using var archive = new ZipArchive(new DeadlineStream(content, deadline), ZipArchiveMode.Read);
        long elements = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.Length == 0)
            {
                continue;
            }
            var (depth, counted) = Scan(entry, maxPartBytes, deadline, MaxElements - elements);
            elements += counted;
            if (depth > MaxDepth)
            {
                return $"文档内部部件“{entry.FullName}”的元素嵌套超过 {MaxDepth} 层，嵌套过深，不是正常的 Word/Excel 文档，已拒绝读取。";
            }
            if (elements > MaxElements)
            {
                return $"文档的元素超过 {MaxElements / 10_000} 万个（读到内部部件“{entry.FullName}”时），元素过多，已拒绝读取。请将文档拆分后再上传。";
            }
        }
        return null;
    }

    /// <summary>Reads one part to its end, or until it nests deeper than allowed or has more elements than are left.</summary>
    /// <returns>The deepest level reached and the elements counted. A part that is not XML (an image) stops at its first byte.</returns>
    private static (int Depth, long Elements) Scan(ZipArchiveEntry entry, long maxPartBytes, ParseDeadline deadline, long elementsLeft)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = maxPartBytes,
        };
        var deepest = 0;
        long elements = 0;
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }
                elements++;
                // Depth counts from 0 at the root element.
                deepest = Math.Max(deepest, reader.Depth + 1);
                if (deepest > MaxDepth || elements > elementsLeft)
                {
                    break;
                }
                if ((elements & 0xFFF) == 0)
                {
                    deadline.ThrowIfExpired();
                }
            }
        }
        catch (XmlException)
        {
            // Not XML, or broken XML: the SDK will refuse it the same way at the same place, and what came before it
            // has been counted.
        }
        return (deepest, elements);
    }

    /// <summary>The package's bytes, read by the zip and the SDK in chunks; each chunk first checks the deadline.</summary>
    private sealed class DeadlineStream(byte[] content, ParseDeadline deadline) : MemoryStream(content, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            deadline.ThrowIfExpired();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            deadline.ThrowIfExpired();
            return base.Read(buffer);
        }

        public override int ReadByte()
        {
            deadline.ThrowIfExpired();
            return base.ReadByte();
        }
    }
}
