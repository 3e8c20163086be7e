using RegDiag.Core.Text;

namespace RegDiag.Core.Tests.Text;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0, "0 diagnoses")]
    [InlineData(1, "1 diagnosis")]
    [InlineData(2, "2 diagnoses")]
    public void Count_SingularOnlyForOne_PicksTheRightNoun(long count, string expected)
    {
        Assert.Equal(expected, Units.Count(count, "diagnosis", "diagnoses"));
    }
}
