using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Zhenxing.Importing;

internal static class ParsedDocumentJson
{
    public static string Write(ParsedDocument document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("fileName", document.FileName);
            json.WriteStartArray("lists");
            foreach (var list in document.Lists)
            {
                WriteList(json, list);
            }
            json.WriteEndArray();
            json.WriteStartArray("pairings");
            foreach (var pairing in document.Pairings)
            {
                json.WriteStartObject();
                WriteStrings(json, "supportingUnits", pairing.SupportingUnits);
                json.WriteString("county", pairing.County);
                json.WriteString("countyNote", pairing.CountyNote);
                json.WriteString("city", pairing.City);
                WriteLocation(json, pairing.Location);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStrings(json, "coordinatingUnits", document.CoordinatingUnits);
            if (document.PairingScheme is { } scheme)
            {
                json.WriteStartObject("pairingScheme");
                json.WriteString("title", scheme.Title);
                json.WriteString("documentNumber", scheme.DocumentNumber);
                WriteNumber(json, "periodStartYear", scheme.PeriodStartYear);
                WriteNumber(json, "periodEndYear", scheme.PeriodEndYear);
                WriteNumber(json, "declaredSupportingUnits", scheme.DeclaredSupportingUnits);
                WriteNumber(json, "declaredCounties", scheme.DeclaredCounties);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("pairingScheme");
            }
            json.WriteStartArray("reportingDueDates");
            foreach (var due in document.ReportingDueDates)
            {
                json.WriteStartObject();
                json.WriteString("date", due.Date?.ToString("yyyy-MM-dd"));
                json.WriteString("text", due.Text);
                WriteLocation(json, due.Location);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("tables");
            foreach (var table in document.Tables)
            {
                json.WriteStartObject();
                json.WriteString("list", table.ListTitle);
                WriteLocation(json, table.Location);
                json.WriteStartArray("columns");
                foreach (var column in table.Columns)
                {
                    json.WriteStartObject();
                    json.WriteString("header", column.Header);
                    json.WriteString("role", column.Role.ToChinese());
                    json.WriteBoolean("chosen", column.Chosen);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteMessages(json, "warnings", document.Warnings);
            WriteMessages(json, "errors", document.Errors);
            WriteStrings(json, "firstLines", document.FirstLines);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteList(Utf8JsonWriter json, ParsedList list)
    {
        json.WriteStartObject();
        json.WriteString("title", list.Title);
        json.WriteString("documentNumber", list.DocumentNumber);
        WriteNumber(json, "year", list.Year);
        json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(list.Kind.ToString()));
        WriteNumber(json, "declaredTotal", list.DeclaredTotal);
        json.WriteNumber("itemCount", list.Items.Count);
        json.WriteStartArray("categories");
        foreach (var category in list.Categories)
        {
            WriteCategory(json, category);
        }
        json.WriteEndArray();
        json.WriteStartArray("items");
        foreach (var item in list.Items)
        {
            json.WriteStartObject();
            json.WriteString("category", item.CategoryPath);
            json.WriteString("number", item.Number);
            json.WriteString("shortTitle", item.ShortTitle);
            json.WriteString("text", item.Text);
            WriteStrings(json, "leadUnits", item.LeadUnits);
            WriteStrings(json, "responsibleUnits", item.ResponsibleUnits);
            if (item.LeadByPosition)
            {
                // Only 责任单位 printed: the ledger takes the first as lead (the item's doubt says so).
                json.WriteBoolean("leadByPosition", true);
            }
            WriteStrings(json, "groupReferences", item.GroupReferences);
            if (item.Leaders.Count > 0)
            {
                WriteStrings(json, "leaders", item.Leaders);
            }
            if (item.OtherCells.Count > 0)
            {
                json.WriteStartObject("otherCells");
                foreach (var (name, value) in item.OtherCells)
                {
                    json.WriteString(name, value);
                }
                json.WriteEndObject();
            }
            json.WriteString("deadline", item.Deadline?.ToString("yyyy-MM-dd"));
            json.WriteString("deadlineText", item.DeadlineText);
            json.WriteBoolean("ongoing", item.Ongoing);
            WriteStrings(json, "doubts", item.Doubts.Select(d => d.Reason));
            if (item.UnitsCorrected)
            {
                json.WriteBoolean("unitsCorrected", true);
            }
            WriteLocation(json, item.Location);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCategory(Utf8JsonWriter json, ParsedCategory category)
    {
        json.WriteStartObject();
        json.WriteString("number", category.Number);
        json.WriteString("title", category.Title);
        json.WriteString("path", category.Path);
        WriteNumber(json, "declaredCount", category.DeclaredCount);
        json.WriteNumber("itemCount", category.ItemCount);
        json.WriteStartArray("children");
        foreach (var child in category.Children)
        {
            WriteCategory(json, child);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter json, string name, IReadOnlyList<ImportMessage> messages)
    {
        json.WriteStartArray(name);
        foreach (var message in messages)
        {
            json.WriteStartObject();
            json.WriteNumber("line", message.Location.Line);
            json.WriteString("location", message.Location.ToString());
            json.WriteString("message", message.Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteLocation(Utf8JsonWriter json, ImportLocation location)
    {
        json.WriteNumber("line", location.Line);
        json.WriteString("location", location.ToString());
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Value);
        }
    }
}
