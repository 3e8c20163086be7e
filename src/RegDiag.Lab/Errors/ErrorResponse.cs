using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.Errors;

/// <summary>Serves errors as distribution's errcode.ServeJSON does: status of the first error, {"errors":[...]}.</summary>
internal static class ErrorResponse
{
    public static int StatusOf(IReadOnlyList<RegistryError> errors) => errors.Count > 0 ? errors[0].Code.HttpStatus : 500;

    public static byte[] Body(IReadOnlyList<RegistryError> errors)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            foreach (var error in errors)
            {
                json.WriteStartObject();
                json.WriteString("code", error.Code.Value);
                json.WriteString("message", error.Message);
                if (error.Detail != null)
                {
                    json.WritePropertyName("detail");
                    JsonSerializer.Serialize(json, error.Detail, error.Detail.GetType());
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static async Task WriteAsync(HttpResponse response, IReadOnlyList<RegistryError> errors, CancellationToken cancellationToken)
    {
        var body = Body(errors);
        response.StatusCode = StatusOf(errors);
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, cancellationToken);
        }
    }
}
