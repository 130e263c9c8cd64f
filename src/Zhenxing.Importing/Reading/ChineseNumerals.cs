namespace Zhenxing.Importing.Reading;

internal static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    public static string Format(int value)
    {
        if (value is <= 0 or >= 100)
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (value < 10)
        {
            return Digits[value].ToString();
        }
        var tens = value / 10;
        var ones = value % 10;
        return (tens == 1 ? "" : Digits[tens].ToString()) + "十" + (ones == 0 ? "" : Digits[ones].ToString());
    }

    public static int? Parse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var total = 0;
        var current = 0;
        foreach (var c in text)
        {
            var digit = Digits.IndexOf(c);
            if (digit >= 0)
            {
                current = digit;
            }
            else if (c == '十')
            {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else if (c == '百')
            {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            }
            else
            {
                return null;
            }
        }
        return total + current;
    }
}
