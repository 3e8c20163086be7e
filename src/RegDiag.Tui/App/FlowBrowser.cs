using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using RegDiag.Core.Knowledge;
using RegDiag.Tui.Detail;
using RegDiag.Tui.Filtering;
using RegDiag.Tui.Flows;
using RegDiag.Tui.Views;

namespace RegDiag.Tui.App;

/// <summary>
/// The main window: filter bar on top, flow list, then the detail and timeline panes side by side, a status
/// line and the key bar. A timer drains the store into the list (capture never waits on drawing).
/// <code>
///  Filter: status>=400 method:HEAD_______  [errors only] [pings hidden]
/// ┌Flows──────────────────────────────────────────────────────────┐
/// │Time         Client  Method Status Host          Path  Size Dur│
/// └───────────────────────────────────────────────────────────────┘
/// ┌Exchange──────────────────────────┐┌Timeline──────────────────┐
/// │DIAGNOSIS ... headers, bodies     ││push group/project:tag    │
/// └──────────────────────────────────┘└──────────────────────────┘
///  proxy 127.0.0.1:8080 · CA ... · 120 flows · 2 errors · 3 MiB/s
///  ? Help  / Filter  e Errors ...
/// </code>
/// </summary>
internal sealed class FlowBrowser : Window
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan TimelineInterval = TimeSpan.FromMilliseconds(500);

    private readonly IApplication _app;
    private readonly FlowStore _store;
    private readonly FilteredFlowList _filtered;
    private readonly FlowListView _list;
    private readonly TextField _filter;
    private readonly Label _filterState;
    private readonly TextPane _detail;
    private readonly TextPane _timeline;
    private readonly Label _info;
    private readonly FlowActions _actions;
    private readonly AnalysisScheduler _analysis;
    private object? _timer;
    private string? _filterError;
    private string? _message;
    private DateTimeOffset _timelineDrawn;
    private bool _timelineStale = true;

    public FlowBrowser(IApplication app, FlowStore store, TuiOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _app = app;
        _store = store;
        Options = options;
        _filtered = new FilteredFlowList(store);
        _actions = new FlowActions(app, store, options);
        _actions.Message += SetMessage;
        _analysis = new AnalysisScheduler(store, action => app.Invoke(action));
        Title = options.Title;
        BorderStyle = LineStyle.None;

        var filterLabel = new Label { Text = "Filter:", X = 0, Y = 0 };
        _filter = new TextField { X = Pos.Right(filterLabel) + 1, Y = 0, Width = Dim.Percent(55) };
        _filter.TextChanged += (_, _) => ApplyFilter();
        _filterState = new Label { X = Pos.Right(_filter) + 1, Y = 0, Width = Dim.Fill(), Height = 1 };

        var flowsFrame = new FrameView { Title = "Flows", X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Percent(50) };
        _list = new FlowListView(_filtered, options.Colour) { Width = Dim.Fill(), Height = Dim.Fill() };
        _list.FlowSelected += ShowDetail;
        _list.Accepting += (_, e) =>
        {
            _detail!.SetFocus();
            e.Handled = true;
        };
        flowsFrame.Add(_list);

        var detailFrame = new FrameView
        {
            Title = "Exchange", X = 0, Y = Pos.Bottom(flowsFrame), Width = Dim.Percent(62), Height = Dim.Fill(2),
        };
        _detail = new TextPane(wrap: true);
        detailFrame.Add(_detail);

        var timelineFrame = new FrameView
        {
            Title = "Timeline", X = Pos.Right(detailFrame), Y = Pos.Bottom(flowsFrame), Width = Dim.Fill(), Height = Dim.Fill(2),
        };
        _timeline = new TextPane(wrap: false);
        timelineFrame.Add(_timeline);

        _info = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
        var statusBar = new StatusBar(Commands.Where(c => c.InStatusBar)
            .Select(c => new Shortcut(c.Key, c.Label, () => c.Run(this), "")));

        Add(filterLabel, _filter, _filterState, flowsFrame, detailFrame, timelineFrame, _info, statusBar);
        _store.Appended += _ => _timelineStale = true;
        _store.Cleared += () => _timelineStale = true;
        _store.Analysed += () =>
        {
            _timelineStale = true;
            ShowDetail(_list.SelectedFlow);
        };
        _filtered.Changed += _ => UpdateFilterState();
        Initialized += (_, _) => Start();
    }

    /// <summary>The keys: one table drives the handler, the status bar and the help screen.</summary>
    public static IReadOnlyList<KeyCommand> Commands { get; } =
    [
        new(Key.F1, "Help", "this help (also ?)", b => b.ShowHelp()),
        new(new Key('?'), "Help", "this help", b => b.ShowHelp(), InStatusBar: false),
        new(new Key('/'), "Filter", "edit the filter expression (Enter or Esc returns to the list)", b => b._filter.SetFocus()),
        new(new Key('e'), "Errors", "toggle: show only failed or diagnosed exchanges", b => b.ToggleErrorsOnly()),
        new(new Key('p'), "Pings", "toggle: hide GET /v2/ version checks", b => b.TogglePings()),
        new(new Key('x'), "Export", "export the shown flows as HAR (redacted unless you opt out)", b => b._actions.ExportHar(b._filtered.Items)),
        new(new Key('c'), "Curl", "copy the selected request as a curl command (redacted)", b => b._actions.CopyCurl(b._list.SelectedFlow)),
        new(new Key('z'), "Clear", "clear the list (the journal keeps everything)", b => b._store.Clear(), InStatusBar: false),
        new(new Key(' '), "Pause", "pause or resume the list (capture goes on)", b => b.TogglePause()),
        new(new Key('j'), "Journal", "show the journal path", b => b._actions.ShowJournal()),
        new(new Key('G'), "Newest", "jump to the newest flow and follow new ones", b => b._list.SelectRow(int.MaxValue), InStatusBar: false),
        new(new Key('g'), "Oldest", "jump to the oldest flow", b => b._list.SelectRow(0), InStatusBar: false),
        new(new Key('q'), "Quit", "quit (asks first when live flows were not exported)", b => b.Quit()),
    ];

    public TuiOptions Options { get; }

    internal FlowListView List => _list;

    internal FilteredFlowList Filtered => _filtered;

    internal TextField FilterField => _filter;

    internal TextPane DetailView => _detail;

    internal TextPane TimelineView => _timeline;

    internal Label InfoLine => _info;

    internal FlowActions Actions => _actions;

    /// <summary>Drains the store and refreshes what depends on it; the timer calls it, tests may too.</summary>
    internal void Tick()
    {
        _store.Drain();
        _analysis.Tick(DateTimeOffset.UtcNow);
        if (_timelineStale && DateTimeOffset.UtcNow - _timelineDrawn >= TimelineInterval)
        {
            RefreshTimeline();
        }
        UpdateInfo();
    }

    internal void RefreshTimeline()
    {
        _timeline.Text = TimelineRenderer.Render(_store.Analysis, _store.Flows.Count);
        _timelineStale = false;
        _timelineDrawn = DateTimeOffset.UtcNow;
    }

    internal void SetMessage(string? message)
    {
        _message = message;
        UpdateInfo();
    }

    /// <summary>
    /// Command keys are taken at the application level, before the focused view: the table and frames would
    /// otherwise consume some (Space). While the filter is edited or a dialog is open, keys go to them.
    /// </summary>
    private void OnApplicationKeyDown(object? sender, Key key)
    {
        if (key.Handled || !ReferenceEquals(_app.TopRunnableView, this))
        {
            return;
        }
        if (_filter.HasFocus)
        {
            if (key == Key.Esc || key == Key.Enter)
            {
                _list.SetFocus();
                key.Handled = true;
            }
            return;
        }
        if (key == Key.Esc && !_list.HasFocus)
        {
            _list.SetFocus();
            key.Handled = true;
            return;
        }
        foreach (var command in Commands)
        {
            if (key == command.Key)
            {
                command.Run(this);
                key.Handled = true;
                return;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnApplicationKeyDown;
            if (_timer != null)
            {
                _app.RemoveTimeout(_timer);
                _timer = null;
            }
        }
        base.Dispose(disposing);
    }

    private void Start()
    {
        _store.Drain(force: true);
        if (Options.SelectFirstDiagnosed)
        {
            SelectFirstDiagnosed();
        }
        RefreshTimeline();
        UpdateInfo();
        _list.SetFocus();
        _app.Keyboard.KeyDown += OnApplicationKeyDown;
        _timer = _app.AddTimeout(TickInterval, () =>
        {
            Tick();
            return true;
        });
    }

    /// <summary>Puts the cursor on the first exchange an error diagnosis cites, else the first failure.</summary>
    internal bool SelectFirstDiagnosed()
    {
        var target = _filtered.Items.FirstOrDefault(f => f.Diagnoses.Any(d => d.Severity == Severity.Error))
            ?? _filtered.Items.FirstOrDefault(f => f.Diagnoses.Count > 0)
            ?? _filtered.Items.FirstOrDefault(f => f.IsError);
        return target != null && _list.SelectFlow(target.Id);
    }

    private void ShowDetail(Flow? flow)
    {
        _detail.Text = flow == null ? "" : DetailRenderer.Render(flow, _store.Analysis);
    }

    private void ApplyFilter()
    {
        try
        {
            _filtered.SetExpression(_filter.Text ?? "");
            _filterError = null;
        }
        catch (FilterException e)
        {
            _filterError = e.Message;
        }
        UpdateFilterState();
    }

    private void ToggleErrorsOnly() => _filtered.SetErrorsOnly(!_filtered.ErrorsOnly);

    private void TogglePings() => _filtered.SetHidePings(!_filtered.HidePings);

    private void TogglePause()
    {
        if (!_store.IsLive)
        {
            SetMessage("nothing to pause: this is a file, not a live capture");
            return;
        }
        _store.Paused = !_store.Paused;
        UpdateInfo();
    }

    private void ShowHelp() => _actions.ShowHelp(HelpText.Build(Commands, FilterFields.All));

    private void Quit()
    {
        if (!_store.HasUnsavedFlows || _actions.ConfirmQuit())
        {
            _app.RequestStop();
        }
    }

    private void UpdateFilterState()
    {
        var parts = new List<string>();
        if (_filtered.ErrorsOnly)
        {
            parts.Add("[errors only]");
        }
        if (_filtered.HidePings)
        {
            parts.Add("[pings hidden]");
        }
        if (_filterError != null)
        {
            parts.Add("! " + _filterError);
        }
        _filterState.Text = string.Join(' ', parts);
        UpdateInfo();
    }

    private void UpdateInfo()
    {
        var parts = new List<string>();
        if (Options.ListenAddress != null)
        {
            parts.Add($"listening {Options.ListenAddress}");
        }
        if (Options.CaPath != null)
        {
            parts.Add(Options.CaInstalled switch
            {
                true => $"CA {Options.CaPath} (installed)",
                false => $"CA {Options.CaPath} (NOT in the system store: run install-ca.sh)",
                null => $"CA {Options.CaPath}",
            });
        }
        if (Options.SourceFile != null)
        {
            parts.Add($"{Options.SourceFile} (read-only)");
        }
        var shown = _filtered.Count == _store.Flows.Count ? "" : $" ({_filtered.Count} shown)";
        parts.Add($"{_store.Flows.Count} flows{shown}");
        parts.Add($"{_store.ErrorCount} errors");
        var now = _store.IsLive ? DateTimeOffset.UtcNow : _store.Throughput.Newest ?? DateTimeOffset.UtcNow;
        parts.Add(FlowFormat.Rate(_store.Throughput.BytesPerSecond(now)));
        if (_store.Paused)
        {
            parts.Add($"PAUSED ({_store.Pending} waiting)");
        }
        if (_analysis.Failure != null)
        {
            parts.Add(_analysis.Failure);
        }
        if (_message != null)
        {
            parts.Add(_message);
        }
        _info.Text = string.Join(" · ", parts);
    }
}
