using Amazon.Runtime;
using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.S3;

/// <summary>
/// Gives the AWS SDK an HTTP client with the doctor's trust (--ca-file) and a handler that keeps the first
/// Date header the object store sends, for the clock check.
/// </summary>
internal sealed class S3HttpClientFactory(CertificateTrust trust) : HttpClientFactory
{
    private readonly DateCapture _capture = new(DoctorHttp.CreateHandler(trust));

    public ClockSample? Clock => _capture.Sample;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(_capture, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(10) };

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class DateCapture(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public ClockSample? Sample { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var sent = DateTimeOffset.UtcNow;
            var response = await base.SendAsync(request, cancellationToken);
            if (Sample == null)
            {
                Sample = ClockSample.FromResponse("object store Date header", response, sent, DateTimeOffset.UtcNow);
            }
            return response;
        }
    }
}
