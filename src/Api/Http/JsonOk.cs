using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansP2P.Api.Http;

/// <summary>
/// 200 with a JSON body serialized up front and sent with a Content-Length in one write. <c>TypedResults.Ok</c>
/// streams the body chunked, so the body and the closing chunk leave as two sends and the peer waiting for a search
/// answer reads twice. Same JSON, same OpenAPI description.
/// </summary>
public sealed class JsonOk<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult<T>
{
    public T Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, json.SerializerOptions);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider's member is static by design")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
