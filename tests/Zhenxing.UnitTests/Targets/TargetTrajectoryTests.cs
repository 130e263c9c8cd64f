using Zhenxing.Web.Features.Targets;

namespace Zhenxing.UnitTests.Targets;

public sealed class TargetTrajectoryTests
{
    // GDP 4000 亿元 at the end of 2021 toward 6000 亿元 at the end of 2025: 1461 days.
    private static readonly IReadOnlyList<TrajectoryPoint> Gdp = TargetTrajectory.Points(4000, 2021, [], 6000, 2025);

    [Theory]
    [InlineData(2021, 12, 31, "4000")]
    [InlineData(2022, 12, 31, "4499.66")] // 4000 + 2000 × 365 / 1461
    [InlineData(2023, 12, 31, "4999.32")] // 730 days
    [InlineData(2024, 12, 31, "5500.34")] // 1096 days
    [InlineData(2025, 12, 31, "6000")]
    [InlineData(2020, 6, 30, "4000")]
    [InlineData(2027, 1, 1, "6000")]
    public void ExpectedAt_StraightLine_IsInterpolatedByDays(int year, int month, int day, string expected) =>
        TargetTrajectory.Format(TargetTrajectory.ExpectedAt(Gdp, new DateOnly(year, month, day))).ShouldBe(expected);

    [Fact]
    public void ExpectedAt_WithMilestones_FollowsThemYearByYear()
    {
        var factories = TargetTrajectory.Points(0, 2021, [(2023, 45), (2022, 20), (2024, 70)], 100, 2025);

        factories.Select(p => p.Value).ShouldBe([0m, 20m, 45m, 70m, 100m]);
        TargetTrajectory.ExpectedAt(factories, new DateOnly(2023, 12, 31)).ShouldBe(45m);
        TargetTrajectory.ExpectedAt(factories, new DateOnly(2024, 12, 31)).ShouldBe(70m);
        // Half-way through 2024 (182 of 366 days) between 45 and 70.
        TargetTrajectory.Format(TargetTrajectory.ExpectedAt(factories, new DateOnly(2024, 6, 30))).ShouldBe("57.43");
    }

    [Fact]
    public void Meets_DependsOnTheDirection()
    {
        TargetTrajectory.Meets(TargetDirection.AtLeast, 4999.32m, 4999.32m).ShouldBeTrue();
        TargetTrajectory.Meets(TargetDirection.AtLeast, 4936m, 4999.32m).ShouldBeFalse();
        TargetTrajectory.Meets(TargetDirection.AtMost, 0.48m, 0.5m).ShouldBeTrue();
        TargetTrajectory.Meets(TargetDirection.AtMost, 0.52m, 0.5m).ShouldBeFalse();
    }

    [Fact]
    public void Progress_IsTheShareOfTheWayFromBaselineToTarget()
    {
        TargetTrajectory.Progress(4000, 6000, TargetDirection.AtLeast, 5390).ShouldBe(69.5);
        TargetTrajectory.Progress(1107, 2000, TargetDirection.AtLeast, 2046).ShouldBe(100);
        TargetTrajectory.Progress(1.0m, 0.5m, TargetDirection.AtMost, 0.8m).ShouldBe(40);
        TargetTrajectory.Progress(10, 10, TargetDirection.AtLeast, 9).ShouldBe(0);
    }
}
