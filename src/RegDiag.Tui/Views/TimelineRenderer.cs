using System.Text;
using RegDiag.Tui.Flows;

namespace RegDiag.Tui.Views;

/// <summary>
/// The timeline pane's text: one block per repository operation (push or pull of repo:tag), its layers
/// with the sequence of exchanges each went through, bytes moved, throughput, and the failures with the
/// headline of the diagnosis that explains them.
/// </summary>
internal static class TimelineRenderer
{
    public static string Render(IReadOnlyList<Flow> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var operations = new List<Operation>();
        var byRepository = new Dictionary<string, Operation>(StringComparer.Ordinal);
        foreach (var flow in flows)
        {
            if (flow.Repository == null)
            {
                continue;
            }
            if (!byRepository.TryGetValue(flow.Repository, out var operation))
            {
                operation = new Operation(flow.Repository);
                byRepository[flow.Repository] = operation;
                operations.Add(operation);
            }
            operation.Add(flow);
        }
        if (operations.Count == 0)
        {
            return flows.Count == 0 ? "waiting for exchanges…" : "no registry operation yet";
        }
        var text = new StringBuilder();
        foreach (var operation in operations)
        {
            operation.Render(text);
            text.AppendLine();
        }
        return text.ToString().TrimEnd();
    }

    private sealed class Operation(string repository)
    {
        private readonly List<Flow> _flows = [];
        private readonly Dictionary<string, List<Flow>> _layers = new(StringComparer.Ordinal);
        private readonly List<string> _layerOrder = [];
        private string? _tag;
        private bool _push;

        public void Add(Flow flow)
        {
            _flows.Add(flow);
            var method = flow.Exchange.Request.Method;
            _push |= method is "POST" or "PUT" or "PATCH";
            if (flow.Operation?.StartsWith("manifest", StringComparison.Ordinal) == true)
            {
                var reference = flow.PathAndQuery[(flow.PathAndQuery.LastIndexOf('/') + 1)..];
                if (!reference.Contains(':', StringComparison.Ordinal))
                {
                    _tag = reference;
                }
                return;
            }
            if (flow.Digest is { } digest && flow.Operation?.StartsWith("manifest", StringComparison.Ordinal) != true)
            {
                if (!_layers.TryGetValue(digest, out var list))
                {
                    _layers[digest] = list = [];
                    _layerOrder.Add(digest);
                }
                list.Add(flow);
            }
        }

        public void Render(StringBuilder text)
        {
            var first = _flows[0].Exchange.Timings.Started;
            var last = _flows.Max(f => f.Exchange.Timings.Started.AddMilliseconds(f.Exchange.Timings.DurationMs));
            var seconds = Math.Max((last - first).TotalSeconds, 0.001);
            var bytes = _flows.Sum(f => _push ? f.Exchange.Request.Body.Size : f.Exchange.Response?.Body.Size ?? 0);
            var failed = _flows.Where(f => f.IsError || f.Diagnoses.Count > 0).ToList();
            text.Append(failed.Count > 0 ? "✖ " : "✔ ").Append(_push ? "push " : "pull ").Append(repository);
            text.Append(':').AppendLine(_tag ?? "?");
            text.Append("  ").Append(_flows.Count).Append(" exchanges · ").Append(_layers.Count).Append(" blobs · ");
            text.Append(FlowFormat.Size(bytes)).Append(" in ").Append(FlowFormat.Duration(seconds * 1000));
            text.Append(" · ").AppendLine(FlowFormat.Rate(bytes / seconds));
            foreach (var digest in _layerOrder)
            {
                var steps = _layers[digest];
                text.Append("  ").Append(steps.Any(s => s.IsError) ? "✖ " : "  ");
                text.Append(digest.Length > 19 ? digest[..19] + "…" : digest).Append(' ');
                text.AppendLine(string.Join(" → ", steps.Select(Step)));
            }
            foreach (var flow in failed)
            {
                text.Append("  ✖ #").Append(flow.Id).Append(' ').Append(flow.Exchange.Request.Method).Append(' ');
                text.Append(FlowFormat.KindTag(flow.Kind)).Append(' ').AppendLine(FlowFormat.Status(flow));
                foreach (var diagnosis in flow.Diagnoses)
                {
                    text.Append("    ").AppendLine(diagnosis.Headline);
                }
            }
        }

        private static string Step(Flow flow) =>
            $"{flow.Exchange.Request.Method}{(flow.Kind == HostKind.S3 ? "(s3)" : "")} {FlowFormat.Status(flow)}";
    }
}
