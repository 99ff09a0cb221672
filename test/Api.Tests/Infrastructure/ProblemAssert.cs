using System.Text.Json;

namespace OrleansP2P.Api.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 7807 problem-details answer with the given status (so never a 5xx) and returns it.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>As <see cref="IsProblemAsync"/>, and the problem says what was wrong in <c>detail</c>, which is returned.</summary>
    public static async Task<string> IsDetailedProblemAsync(HttpResponseMessage response, int status)
    {
        var problem = await IsProblemAsync(response, status);
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail), "a problem must say what was wrong in 'detail'");
        return detail!;
    }
}
