using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Zhenxing.Web.Infrastructure;

/// <summary>
/// What the pages say when a posted value cannot be read (a date like 2026-02-30, letters in a number) or a field is
/// left empty: in Chinese, naming the field by its <c>[Display(Name = "…")]</c> and saying what was expected, instead
/// of the framework's "The value '…' is not valid for OpensOn." Configured once for every page.
/// </summary>
public static class FormMessages
{
    public static IMvcBuilder AddChineseFormMessages(this IMvcBuilder mvc) => mvc.AddMvcOptions(options =>
    {
        Describe(options.ModelBindingMessageProvider, field: null, type: null);
        options.ModelMetadataDetailsProviders.Add(new FieldMessages());
    });

    /// <summary>
    /// Sets every message of <paramref name="messages"/>. <paramref name="field"/> is the Chinese name of the property
    /// or parameter the messages belong to; empty for a collection's element (the framework would name the CLR type,
    /// "Int32"); null for the global messages, which take the name the framework passes.
    /// </summary>
    private static void Describe(DefaultModelBindingMessageProvider messages, string? field, Type? type)
    {
        var expected = Expected(type);
        messages.SetMissingBindRequiredValueAccessor(name => $"缺少{Or(name)}。");
        messages.SetMissingKeyOrValueAccessor(() => $"{field}缺少必填的值。");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空。");
        messages.SetValueMustNotBeNullAccessor(_ => string.IsNullOrEmpty(field) ? "请填写必填项。" : $"请填写{field}。");
        messages.SetAttemptedValueIsInvalidAccessor((value, name) => $"{Or(name)}“{value}”无效{expected}。");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"{field}“{value}”无效{expected}。");
        messages.SetUnknownValueIsInvalidAccessor(name => $"{Or(name)}的值无效{expected}。");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => $"{field}的值无效{expected}。");
        messages.SetValueIsInvalidAccessor(value => $"{field}“{value}”无效{expected}。");
        messages.SetValueMustBeANumberAccessor(name => $"{Or(name)}应为数字。");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => $"{field}应为数字。");

        string Or(string name) => field ?? name;
    }

    private static string Expected(Type? type) => (Nullable.GetUnderlyingType(type ?? typeof(object)) ?? type) switch
    {
        null => "",
        var t when t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) => "，不是有效的日期，请按“年-月-日”填写，例如 2021-08-31",
        var t when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "，应为整数",
        var t when t == typeof(decimal) || t == typeof(double) || t == typeof(float) => "，应为数字",
        var t when t == typeof(bool) => "，应为“是”或“否”",
        { IsEnum: true } => "，请从可选项中选择",
        _ => "",
    };

    /// <summary>
    /// Each property and parameter gets messages with its own name and type; each validation attribute without a
    /// message of its own (the implicit [Required] of a non-nullable property among them) a Chinese one.
    /// </summary>
    private sealed class FieldMessages : IBindingMetadataProvider, IValidationMetadataProvider
    {
        public void CreateBindingMetadata(BindingMetadataProviderContext context)
        {
            // A dictionary binds only from its own name: without it the framework falls back to the whole form, reads
            // every other field ("Status", "Version") as one of its keys and fails in English. Only where the field is
            // bound anyway (a handler's parameter, a [BindProperty], a form's property): a name alone would bind a
            // page's other properties.
            if (IsDictionary(context.Key.ModelType) && context.BindingMetadata.BinderModelName is null && IsBound(context))
            {
                context.BindingMetadata.BinderModelName = context.Key.Name;
            }
            // The framework gives each metadata its own copy of the global messages, so that they can be changed per field.
            if (context.BindingMetadata.ModelBindingMessageProvider is not DefaultModelBindingMessageProvider messages)
            {
                return;
            }
            if (context.Key.MetadataKind != ModelMetadataKind.Type && context.Key.Name == nameof(IVersioned.Version))
            {
                DescribeVersion(messages);
                return;
            }
            var field = context.Key.MetadataKind == ModelMetadataKind.Type
                ? ""
                : context.Attributes.OfType<DisplayAttribute>().FirstOrDefault()?.GetName() ?? context.Key.Name;
            Describe(messages, field, context.Key.ModelType);
        }

        private static bool IsDictionary(Type type) =>
            type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            && !typeof(Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary).IsAssignableFrom(type);

        private static bool IsBound(BindingMetadataProviderContext context)
        {
            if (context.Key.MetadataKind == ModelMetadataKind.Parameter)
            {
                return true;
            }
            if (context.Key.PropertyInfo?.DeclaringType?.Assembly != typeof(FormMessages).Assembly || context.Key.ContainerType is not { } container)
            {
                return false; // the framework's own (ViewData, TempData)
            }
            var page = typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(container)
                || typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageBase).IsAssignableFrom(container);
            return !page
                || context.Attributes.OfType<Microsoft.AspNetCore.Mvc.BindPropertyAttribute>().Any()
                || container.IsDefined(typeof(Microsoft.AspNetCore.Mvc.BindPropertiesAttribute), inherit: true);
        }

        /// <summary>
        /// The version is a hidden field the page fills in: when it comes back empty or unreadable, the user can only
        /// reload the page, so that is what every message says (never "请填写版本号").
        /// </summary>
        private static void DescribeVersion(DefaultModelBindingMessageProvider messages)
        {
            const string reload = "页面已过期，请刷新页面后重新填写并保存。";
            messages.SetMissingBindRequiredValueAccessor(_ => reload);
            messages.SetMissingKeyOrValueAccessor(() => reload);
            messages.SetValueMustNotBeNullAccessor(_ => reload);
            messages.SetAttemptedValueIsInvalidAccessor((_, _) => reload);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => reload);
            messages.SetUnknownValueIsInvalidAccessor(_ => reload);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => reload);
            messages.SetValueIsInvalidAccessor(_ => reload);
            messages.SetValueMustBeANumberAccessor(_ => reload);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => reload);
        }

        public void CreateValidationMetadata(ValidationMetadataProviderContext context)
        {
            // A collection or a form object (批示答复 by instruction, the ticked milestones) is never a field the user
            // leaves empty: the framework's implicit [Required] of a non-nullable reference would refuse a page that
            // posts none of its entries ("The Answers field is required."). Text fields keep theirs.
            var type = context.Key.ModelType;
            if (context.Key.MetadataKind != ModelMetadataKind.Type && type != typeof(string) && !type.IsValueType
                && !context.Attributes.OfType<RequiredAttribute>().Any()
                && context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>().FirstOrDefault() is { } implicitRequired)
            {
                context.ValidationMetadata.ValidatorMetadata.Remove(implicitRequired);
                context.ValidationMetadata.IsRequired = false;
            }
            foreach (var attribute in context.ValidationMetadata.ValidatorMetadata.OfType<ValidationAttribute>())
            {
                if (attribute.ErrorMessage is not null || attribute.ErrorMessageResourceType is not null)
                {
                    continue;
                }
                // {0} is the field's display name; the others are the attribute's own limits.
                attribute.ErrorMessage = attribute switch
                {
                    RequiredAttribute => "请填写{0}。",
                    StringLengthAttribute { MinimumLength: > 0 } => "{0}应为 {2} 到 {1} 个字。",
                    StringLengthAttribute or MaxLengthAttribute => "{0}不能超过 {1} 个字。",
                    MinLengthAttribute => "{0}不能少于 {1} 个字。",
                    RangeAttribute => "{0}应在 {1} 到 {2} 之间。",
                    _ => "{0}的值无效。",
                };
            }
        }
    }
}
