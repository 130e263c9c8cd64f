using System.Net;
using System.Text;
using Zhenxing.IntegrationTests.Infrastructure;

namespace Zhenxing.IntegrationTests.Features.Imports;

internal static class ImportFixtures
{
    public const string Version1 = """
        测试区 2021 年重点事项清单

        (共 3 项)

        序号	事项名称	牵头单位	责任单位	完成时限
        一、第一类 (2 项)				
        1	事项甲：推进测试工作。	市财政局	市发改委	8 月底前
        2	事项乙：完善测试机制。	市发改委		12月底前
        二、第二类 (1 项)				
        1	事项丙：持续开展测试。	市文广新旅局	市财政局、市 教育局	长期坚持
        """;

    // Version 2: 事项乙 removed, 事项甲 has a new deadline, 事项丁 added.
    public const string Version2 = """
        测试区 2021 年重点事项清单

        (共 3 项)

        序号	事项名称	牵头单位	责任单位	完成时限
        一、第一类 (1 项)				
        1	事项甲：推进测试工作。	市财政局	市发改委	9 月底前
        二、第二类 (2 项)				
        1	事项丙：持续开展测试。	市文广新旅局	市财政局、市 教育局	长期坚持
        2	事项丁：新增测试任务。	市教育局		年底前
        """;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Uploads a file through the upload form and returns the preview's URL.</summary>
    public static async Task<string> UploadAsync(this HttpClient client, string fileName, byte[] content, int? year = null)
    {
        var response = await client.PostUploadAsync(fileName, content, year);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        return response.Headers.Location!.ToString();
    }

    public static async Task<HttpResponseMessage> PostUploadAsync(this HttpClient client, string fileName, byte[] content, int? year = null)
    {
        var token = await client.AntiforgeryTokenAsync("/imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        if (year is not null)
        {
            form.Add(new StringContent(year.ToString()!), "Year");
        }
        return await client.PostAsync("/imports", form);
    }
}
