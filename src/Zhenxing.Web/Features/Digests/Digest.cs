using System.Text;

namespace Zhenxing.Web.Features.Digests;

/// <summary>What a daily digest says: groups of lines, each with an absolute link where there is one.</summary>
public sealed class Digest(string title)
{
    public sealed record Line(string Text, string? Link);

    public sealed record Section(string Heading, List<Line> Lines);

    public string Title { get; } = title;
    public List<Section> Sections { get; } = [];

    /// <summary>Never sent: a digest with nothing in it.</summary>
    public bool IsEmpty => Sections.All(s => s.Lines.Count == 0);

    public void Add(string heading, IEnumerable<Line> lines)
    {
        var list = lines.ToList();
        if (list.Count > 0)
        {
            Sections.Add(new Section(heading, list));
        }
    }

    /// <summary>Plain text, for e-mail and 飞书 text messages.</summary>
    public string ToText(string? greeting = null)
    {
        var text = new StringBuilder();
        if (greeting is not null)
        {
            text.Append(greeting).Append("\n\n");
        }
        text.Append(Title).Append('\n');
        foreach (var section in Sections)
        {
            text.Append('\n').Append("【").Append(section.Heading).Append("】\n");
            foreach (var line in section.Lines)
            {
                text.Append("  · ").Append(line.Text);
                if (line.Link is not null)
                {
                    text.Append("\n    ").Append(line.Link);
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>Markdown, for 企业微信 and 钉钉 robots.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder().Append("### ").Append(Title).Append('\n');
        foreach (var section in Sections)
        {
            text.Append("\n**").Append(section.Heading).Append("**\n");
            foreach (var line in section.Lines)
            {
                text.Append("- ").Append(line.Link is null ? line.Text : $"[{line.Text}]({line.Link})").Append('\n');
            }
        }
        return text.ToString();
    }
}
