using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace Zhenxing.IntegrationTests.Features.Bulletins;

/// <summary>A bulletin .docx opened with DocumentFormat.OpenXml, read back as the tests check it.</summary>
public sealed class BulletinDocument
{
    public sealed record Line(string Text, string? Font, string? Size, string? Color, string? Justification, string? FirstLineIndent, string? LineSpacing);

    public required List<Line> Lines { get; init; }
    public required W.PageSize PageSize { get; init; }
    public required W.PageMargin Margin { get; init; }
    public required List<string> Footers { get; init; }
    public required List<string> ValidationErrors { get; init; }

    /// <summary>The bottom border of the organ and date line: the red rule under the head.</summary>
    public required W.BottomBorder? Rule { get; init; }

    public static BulletinDocument Open(byte[] content)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content), false);
        var main = document.MainDocumentPart!;
        var body = main.Document.Body!;
        var section = body.Elements<W.SectionProperties>().Single();
        var paragraphs = body.Elements<W.Paragraph>().ToList();
        return new BulletinDocument
        {
            Lines = paragraphs.Select(p =>
            {
                var run = p.Descendants<W.Run>().FirstOrDefault(r => r.GetFirstChild<W.Text>() is not null)?.RunProperties;
                var properties = p.ParagraphProperties;
                return new Line(p.InnerText, run?.RunFonts?.EastAsia?.Value, run?.FontSize?.Val?.Value, run?.Color?.Val?.Value,
                    properties?.Justification?.Val?.ToString(), properties?.Indentation?.FirstLine?.Value, properties?.SpacingBetweenLines?.Line?.Value);
            }).ToList(),
            PageSize = (W.PageSize)section.GetFirstChild<W.PageSize>()!.CloneNode(true),
            Margin = (W.PageMargin)section.GetFirstChild<W.PageMargin>()!.CloneNode(true),
            Footers = main.FooterParts.Select(f => f.Footer.InnerText + "|" + string.Join(",", f.Footer.Descendants<W.SimpleField>().Select(s => s.Instruction?.Value?.Trim()))).ToList(),
            ValidationErrors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList(),
            Rule = paragraphs.Select(p => p.ParagraphProperties?.ParagraphBorders?.BottomBorder).FirstOrDefault(b => b is not null)?.CloneNode(true) as W.BottomBorder,
        };
    }

    public Line Single(string text) => Lines.Single(l => l.Text == text);

    /// <summary>Where the body begins: the first numbered heading.</summary>
    public IEnumerable<Line> Body => Lines.SkipWhile(l => !l.Text.StartsWith("一、", StringComparison.Ordinal));
}
