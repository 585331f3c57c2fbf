namespace Jixiao.Core.Common;

/// <summary>
/// Spreadsheet formula injection (CSV injection): text that a spreadsheet would take for a formula — it starts with
/// <c>= + - @</c>, a tab or a carriage return — is written with a leading apostrophe, so <c>=HYPERLINK(…)</c> typed into a
/// name field stays text in every .xlsx and .csv the system writes. The one rule for all writers (XlsxExport, the goal and
/// monitoring workbooks, the open-data CSV); <see cref="Restore"/> undoes it when the system reads its own template back.
/// </summary>
public static class FormulaText
{
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    public static string Defuse(string text) => LooksLikeFormula(text) ? "'" + text : text;

    public static string Restore(string text) => text.Length > 1 && text[0] == '\'' && LooksLikeFormula(text[1..]) ? text[1..] : text;
}
