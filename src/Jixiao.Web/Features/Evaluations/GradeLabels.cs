using Jixiao.Core.RuleSets;

namespace Jixiao.Web.Features.Evaluations;

/// <summary>The badge colour of a grade, the same on every evaluation page.</summary>
public static class GradeLabels
{
    public static string Badge(Grade? g) => g switch
    {
        Grade.Excellent => "bg-success",
        Grade.Good => "bg-primary",
        Grade.Fair => "bg-warning text-dark",
        Grade.Poor => "bg-danger",
        null => "bg-light text-muted border",
    };
}
