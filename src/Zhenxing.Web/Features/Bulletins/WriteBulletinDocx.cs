using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Zhenxing.Web.Infrastructure.Office;

namespace Zhenxing.Web.Features.Bulletins;

/// <summary>
/// A bulletin as a Word document in the basic layout of GB/T 9704-2012 (党政机关公文格式): A4 portrait; margins top 37 mm,
/// bottom 35 mm, left (binding side) 28 mm, right 26 mm; body in 3号 (16 pt) 仿宋 at a fixed line pitch giving 22 lines a
/// page; the head — the title in red 小标宋 centred, 第N期 centred, the issuing organ at left and the date at right over a
/// red rule; level-1 headings 一、 in 黑体, level-2 （一） in 楷体, paragraphs indented two characters; page numbers
/// "— 1 —" in 4号 宋体 at the foot, odd pages at the right and even pages at the left, one character in.
/// </summary>
public static class WriteBulletinDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // Twentieths of a point (twips): 1 mm = 1440 / 25.4.
    public const int PageWidth = 11906;
    public const int PageHeight = 16838;
    public const int MarginTop = 2098;
    public const int MarginBottom = 1984;
    public const int MarginLeft = 1587;
    public const int MarginRight = 1474;
    public const int TextWidth = PageWidth - MarginLeft - MarginRight;

    /// <summary>(297 − 37 − 35) mm over 22 lines: 28.95 pt.</summary>
    public const int LinePitch = (PageHeight - MarginTop - MarginBottom) / 22;

    /// <summary>3号 = 16 pt, in half-points.</summary>
    public const int BodySize = 32;

    /// <summary>4号 = 14 pt, for the page numbers.</summary>
    public const int PageNumberSize = 28;

    public const string Red = "FF0000";

    public static byte[] Write(Bulletin bulletin, DateOnly draftDate, BulletinFontSet fonts)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(fonts);
            main.AddNewPart<DocumentSettingsPart>().Settings = new Settings(new EvenAndOddHeaders());
            var oddFooter = main.AddNewPart<FooterPart>();
            oddFooter.Footer = Footer(fonts, JustificationValues.Right);
            var evenFooter = main.AddNewPart<FooterPart>();
            evenFooter.Footer = Footer(fonts, JustificationValues.Left);

            var body = new Body();
            body.Append(Head(bulletin, draftDate, fonts));
            var sections = bulletin.OrderedSections();
            for (var i = 0; i < sections.Count; i++)
            {
                body.Append(Paragraph(BulletinText.Heading(i + 1, sections[i].Heading), fonts.Heading, indent: true));
                foreach (var paragraph in BulletinText.Paragraphs(sections[i].Text))
                {
                    body.Append(paragraph.Kind == ParagraphKind.SubHeading
                        ? Paragraph(paragraph.Text, fonts.SubHeading, indent: true)
                        : Paragraph(paragraph.Text, fonts.Body, indent: true, justify: true));
                }
            }
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(oddFooter) },
                new FooterReference { Type = HeaderFooterValues.Even, Id = main.GetIdOfPart(evenFooter) },
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Portrait },
                new PageMargin { Top = MarginTop, Bottom = MarginBottom, Left = MarginLeft, Right = MarginRight, Header = 851, Footer = 1304, Gutter = 0 },
                new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitch }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    /// <summary>The head (版头): title, issue line, organ and date, the red rule.</summary>
    private static IEnumerable<Paragraph> Head(Bulletin bulletin, DateOnly draftDate, BulletinFontSet fonts)
    {
        // 小初 (36 pt) when the title fits the line, smaller for a long one, never under 2号 (22 pt).
        var titlePoints = Math.Clamp(TextWidth / 20 / Math.Max(1, bulletin.Title.Length), 22, 36);
        yield return new Paragraph(
            new ParagraphProperties(
                new SpacingBetweenLines { Before = "240", After = "240", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                new Justification { Val = JustificationValues.Center }),
            TextRun(bulletin.Title, fonts.Title, titlePoints * 2, color: Red));
        yield return new Paragraph(
            new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Center }),
            TextRun(bulletin.IssueLine, fonts.Body, BodySize));
        yield return new Paragraph(
            new ParagraphProperties(
                new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Space = 4, Color = Red }),
                new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth }),
                new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact },
                new Justification { Val = JustificationValues.Left }),
            TextRun(bulletin.IssuingOrgan, fonts.Body, BodySize),
            new Run(RunProperties(fonts.Body, BodySize, null), new TabChar()),
            TextRun(BulletinText.Date(bulletin.DateLine(draftDate)), fonts.Body, BodySize));
        yield return Paragraph("", fonts.Body, indent: false);
    }

    private static Paragraph Paragraph(string text, string font, bool indent, bool justify = false)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact });
        if (indent)
        {
            properties.Append(new Indentation { FirstLine = (2 * BodySize * 10).ToString(), FirstLineChars = 200 });
        }
        properties.Append(new Justification { Val = justify ? JustificationValues.Both : JustificationValues.Left });
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            paragraph.Append(TextRun(text, font, BodySize));
        }
        return paragraph;
    }

    private static Run TextRun(string text, string font, int halfPoints, string? color = null) =>
        new(RunProperties(font, halfPoints, color), new Text(OfficeParts.XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>The font on every run, East Asian included, so that no reader substitutes the document default.</summary>
    private static RunProperties RunProperties(string font, int halfPoints, string? color)
    {
        var properties = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia });
        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }
        properties.Append(new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
        return properties;
    }

    private static Styles Styles(BulletinFontSet fonts) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = fonts.Body, HighAnsi = fonts.Body, EastAsia = fonts.Body, ComplexScript = fonts.Body },
                new FontSize { Val = BodySize.ToString() },
                new FontSizeComplexScript { Val = BodySize.ToString() },
                new Languages { Val = "zh-CN", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitch.ToString(), LineRule = LineSpacingRuleValues.Exact }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

    /// <summary>"— 1 —" with the PAGE field, one character in from the side it stands on.</summary>
    private static Footer Footer(BulletinFontSet fonts, JustificationValues side)
    {
        var indent = side == JustificationValues.Right
            ? new Indentation { Right = (PageNumberSize * 10).ToString() }
            : new Indentation { Left = (PageNumberSize * 10).ToString() };
        return new Footer(new Paragraph(
            new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }, indent, new Justification { Val = side }),
            TextRun("— ", fonts.PageNumber, PageNumberSize),
            new SimpleField(new Run(RunProperties(fonts.PageNumber, PageNumberSize, null), new Text("1"))) { Instruction = " PAGE " },
            TextRun(" —", fonts.PageNumber, PageNumberSize)));
    }
}
