namespace OrleansP2P.Api.Security;

/// <summary>How the security middlewares refuse a request: RFC 7807 problem details, before it reaches an endpoint.</summary>
internal static class Refusal
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);
}
