using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zhenxing.IntegrationTests.Infrastructure;
using Zhenxing.Web.Features.Users;

namespace Zhenxing.IntegrationTests.Features;

/// <summary>
/// A value a page cannot read (an impossible date, letters in a number) or a field left empty is answered in Chinese,
/// naming the field as the form labels it: every field a page binds has a Chinese name.
/// </summary>
public abstract class FormMessageTests(ZhenxingAppFactory app) : IntegrationTest(app)
{
    [Fact]
    public async Task AnImpossibleDateOnTheRoundFormIsRefusedInChineseNamingTheField()
    {
        var ledger = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var response = await office.PostFormAsync("/rounds", new()
        {
            ["Form.Name"] = "", ["Form.OpensOn"] = "2026-02-30", ["Form.DueOn"] = "2026-03-31", ["Form.Lists"] = ledger.ListId.ToString(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errors = (await response.HtmlAsync()).QuerySelector("#open-round .errors")!.TextContent;
        errors.ShouldContain("开始日期“2026-02-30”无效，不是有效的日期，请按“年-月-日”填写，例如 2021-08-31。");
        // The missing name is said once, with an example (not also by the binder).
        Regex.Matches(errors, "请填写轮次名称").Count.ShouldBe(1);
        errors.ShouldContain("请填写轮次名称（不超过 200 字），如“2020年上半年”。");
        errors.ShouldNotContain("OpensOn");
        errors.ShouldNotContain("valid");
        errors.ShouldNotContain("required");
        (await App.WithDbAsync(db => db.ReportingRounds.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task LettersInANumberAndAnEmptyNumberAreRefusedInChineseNamingTheField()
    {
        var ledger = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var response = await office.PostFormAsync($"/lists/{ledger.ListId}", new()
        {
            ["Title"] = "测试清单", ["Year"] = "", ["MonthlyReportingDay"] = "二十八", ["Version"] = "0",
        });

        var errors = (await response.HtmlAsync()).QuerySelector("#list-settings .errors")!.TextContent;
        errors.ShouldContain("请填写年度。");
        errors.ShouldContain("每月报送日“二十八”无效，应为整数。");
        errors.ShouldNotContain("value");
        (await App.WithDbAsync(db => db.ItemLists.SingleAsync())).MonthlyReportingDay.ShouldBeNull();
    }

    [Fact]
    public async Task AnImpossibleDateInAHandlersParameterIsNamedToo()
    {
        var ledger = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        var office = await App.SignInAsync("office1");

        var response = await office.PostFormAsync($"/items/{ledger.Soon}", new() { ["dueOn"] = "2026-02-30", ["description"] = "完成立项" }, handler: "AddMilestone");

        (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent.ShouldContain("应完成日期“2026-02-30”无效，不是有效的日期");
        (await App.WithDbAsync(db => db.Milestones.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task AHiddenVersionOrAnswersFieldNeverAsksTheUserToFillItIn()
    {
        var ledger = await App.CreateSmallListAsync();
        await App.AddUserAsync("office1", Role.Office);
        await App.AddUserAsync("czj", Role.Liaison, unitId: ledger.Finance);
        var office = await App.SignInAsync("office1");
        var finance = await App.SignInAsync("czj");
        var round = await App.OpenRoundAsync(office, "2021年上半年", ledger.ListId);
        var url = $"/rounds/{round}/items/{ledger.Overdue}/report";
        (await finance.PostFormAsync(url, new() { ["Status"] = "InProgress", ["Narrative"] = "拟开工", ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await finance.PostFormAsync(url, new() { ["Status"] = "InProgress", ["Narrative"] = "已开工", ["Version"] = "0" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ProgressReports.SingleAsync())).Version.ShouldBe(1);

        // No Answers field is posted (the item has no open instruction), the version is stale, then malformed.
        foreach (var version in new[] { "0", "abc", "" })
        {
            var response = await finance.PostFormAsync(url, new() { ["Status"] = "InProgress", ["Narrative"] = "已开工，完成投资 3 亿元", ["Version"] = version });

            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, version);
            var errors = (await response.HtmlAsync()).QuerySelector(".errors")!.TextContent;
            errors.ShouldContain("保存失败");
            errors.ShouldNotContain("批示答复");
            errors.ShouldNotContain("请填写");
            errors.ShouldNotContain("Answers");
            errors.ShouldNotContain("Version");
            errors.ShouldNotContain("required");
            errors.ShouldNotContain("format");
        }
        (await App.WithDbAsync(db => db.ProgressReports.SingleAsync())).Narrative.ShouldBe("已开工");
    }

    /// <summary>
    /// Reads what the framework reads: each page's bound properties (and the fields of the forms they hold) and its
    /// handlers' parameters that are not route values, with the display name a message would use.
    /// A field added without [Display(Name = "…")] fails here.
    /// </summary>
    [Fact]
    public async Task EveryFieldAPageBindsHasAChineseName()
    {
        var loader = App.Services.GetRequiredService<PageLoader>();
        var metadata = (ModelMetadataProvider)App.Services.GetRequiredService<IModelMetadataProvider>();
        var unnamed = new SortedSet<string>(StringComparer.Ordinal);
        var pages = 0;
        foreach (var endpoint in App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }
            pages++;
            var page = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var property in page.BoundProperties.OfType<PageBoundPropertyDescriptor>())
            {
                Check(metadata.GetMetadataForProperty(property.Property.DeclaringType!, property.Property.Name), $"{descriptor.RelativePath} {property.Name}");
            }
            foreach (var handler in page.HandlerMethods)
            {
                foreach (var parameter in handler.Parameters.Where(p => p.ParameterType != typeof(CancellationToken) && !routeValues.Contains(p.Name)))
                {
                    Check(metadata.GetMetadataForParameter(parameter.ParameterInfo), $"{descriptor.RelativePath} {handler.MethodInfo.Name}({parameter.Name})");
                }
            }
        }

        pages.ShouldBeGreaterThan(40);
        unnamed.ShouldBeEmpty();

        void Check(ModelMetadata field, string where)
        {
            if (field.BindingSource is { IsFromRequest: false })
            {
                return;
            }
            var isFile = typeof(IFormFile).IsAssignableFrom(field.ElementType ?? field.ModelType) || typeof(IFormFileCollection).IsAssignableFrom(field.ModelType);
            var form = field.IsCollectionType ? field.ElementMetadata : field;
            if (!isFile && form is { IsComplexType: true } && form.Properties.Any(p => !p.IsReadOnly))
            {
                foreach (var inner in form.Properties.Where(p => p.IsBindingAllowed && !p.IsReadOnly))
                {
                    Check(inner, $"{where}.{inner.PropertyName}");
                }
                if (!field.IsCollectionType)
                {
                    return;
                }
            }
            // A nullable text without validation cannot be refused: its name never appears in a message.
            var canBeRefused = field.ModelType != typeof(string) || field.IsRequired || field.ValidatorMetadata.Count > 0;
            if (canBeRefused && (field.DisplayName is not { } name || !name.Any(c => c is >= '\u4e00' and <= '\u9fff')))
            {
                unnamed.Add($"{where}: {field.DisplayName ?? "(no name)"}");
            }
        }
    }
}

public sealed class FormMessageTests_Postgres(PostgresApp app) : FormMessageTests(app), IClassFixture<PostgresApp>;
public sealed class FormMessageTests_Sqlite(SqliteApp app) : FormMessageTests(app), IClassFixture<SqliteApp>;
