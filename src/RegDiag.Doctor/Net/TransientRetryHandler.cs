namespace RegDiag.Doctor.Net;

/// <summary>
/// Repeats a request that may be repeated (<see cref="TransientRetry.MayRepeat"/>) after a transient failure,
/// with a short backoff, and tells the <see cref="RequestLedger"/> every attempt and every retried request.
/// Placed outside a recording handler, so each attempt is recorded as its own exchange.
/// </summary>
public sealed class TransientRetryHandler(HttpMessageHandler inner, RequestLedger ledger, string source) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var repeatable = TransientRetry.MayRepeat(request);
        var failures = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            ledger.CountRequest();
            var last = attempt == TransientRetry.MaxAttempts || !repeatable;
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (TransientRetry.IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                failures.Add(TransientRetry.Describe(e));
                if (last)
                {
                    Settle(request, failures, recovered: false);
                    throw;
                }
                await Task.Delay(TransientRetry.Backoff(attempt), cancellationToken);
                continue;
            }
            catch (HttpRequestException e) when (failures.Count > 0)
            {
                // Failed transiently, then otherwise (refused, TLS): still a retried request that never worked.
                failures.Add(e.InnerException?.Message ?? e.Message);
                Settle(request, failures, recovered: false);
                throw;
            }
            var status = (int)response.StatusCode;
            if (!TransientRetry.IsTransient(status))
            {
                Settle(request, failures, recovered: true);
                return response;
            }
            // The body names the registry's error code; a failed attempt's body is read and dropped.
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            failures.Add(TransientRetry.Describe(status, body));
            if (last)
            {
                Settle(request, failures, recovered: false);
                return response;
            }
            response.Dispose();
            await Task.Delay(TransientRetry.Backoff(attempt), cancellationToken);
        }
    }

    private void Settle(HttpRequestMessage request, List<string> failures, bool recovered)
    {
        // A request that failed once and was not repeatable is its check's business, not a retry.
        if (failures.Count > 1 || (failures.Count == 1 && recovered))
        {
            ledger.Add(new RetriedOperation(source, TransientRetry.Operation(request.Method, request.RequestUri!), failures, recovered));
        }
    }
}
