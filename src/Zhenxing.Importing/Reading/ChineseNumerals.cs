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
}
