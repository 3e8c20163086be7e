using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace RegDiag.Lab.S3;

/// <summary>S3's XML documents: results in the 2006-03-01 namespace, errors without one.</summary>
internal static class S3Xml
{
    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    // S3 writes this exact declaration, then a newline, before every document.
    private static readonly byte[] Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"u8.ToArray();

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    public static Task WriteAsync(HttpResponse response, XElement root, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = "application/xml";
        var bytes = Serialize(root);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }

    public static byte[] Serialize(XElement root)
    {
        using var stream = new MemoryStream();
        stream.Write(Declaration);
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            root.Save(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Parses a request document, mapping any parse failure to MalformedXML as S3 does.</summary>
    public static XElement Parse(byte[] body)
    {
        try
        {
            return XDocument.Parse(Encoding.UTF8.GetString(body)).Root ?? throw new S3Exception(S3ErrorCode.MalformedXml);
        }
        catch (XmlException)
        {
            throw new S3Exception(S3ErrorCode.MalformedXml);
        }
    }

    /// <summary>The child elements with this local name (request documents may or may not use the namespace).</summary>
    public static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    public static string? Child(XElement parent, string name) => Children(parent, name).FirstOrDefault()?.Value;
}
