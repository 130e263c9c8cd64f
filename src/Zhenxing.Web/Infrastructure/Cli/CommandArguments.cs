namespace Zhenxing.Web.Infrastructure.Cli;

/// <summary>
/// The options a subcommand knows (<c>--name X</c>, <c>--password-stdin</c>); every other argument is
/// passed on to configuration, so <c>--Database:Provider=Postgres</c> works for every subcommand.
/// </summary>
public sealed class CommandArguments
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Every value of an option given more than once (<c>--column A=B --column C=D</c>); <see cref="Values"/> holds the last.</summary>
    public Dictionary<string, List<string>> AllValues { get; } = new(StringComparer.OrdinalIgnoreCase);
    public HashSet<string> Flags { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<string> ConfigurationArgs { get; } = [];
    public List<string> Positional { get; } = [];
    public List<string> Errors { get; } = [];

    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var parsed = new CommandArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (valueOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                if (value is null)
                {
                    parsed.Errors.Add($"选项 --{name} 需要一个值。");
                }
                else
                {
                    parsed.Values[name] = value;
                    parsed.AllValues.TryAdd(name, []);
                    parsed.AllValues[name].Add(value);
                }
            }
            else if (flagOptions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                parsed.Flags.Add(name);
            }
            else
            {
                parsed.ConfigurationArgs.Add(arg);
                if (inlineValue is null && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    parsed.ConfigurationArgs.Add(args[++i]);
                }
            }
        }
        return parsed;
    }

    public string? this[string name] => Values.GetValueOrDefault(name);
}
