import PFOCRRecords

/// One figure as a sink receives it, in figid order on the consumer thread: the subgraph,
/// what the driver's key set decided is new in it, and what the sink's
/// ``FigureRenderer`` made of it on a worker thread (empty for a sink without one).
public struct RenderedFigure: Sendable {
    public let subgraph: FigureSubgraph
    public let news: FigureNews
    public let fragment: FigureFragment

    public init(subgraph: FigureSubgraph, news: FigureNews, fragment: FigureFragment) {
        self.subgraph = subgraph
        self.news = news
        self.fragment = fragment
    }
}

/// The part of a format that turns one figure into bytes. It runs on the worker threads, many
/// figures at once, so it is a value that only reads its own configuration: everything that
/// depends on earlier figures (is this gene new?) is left to the segments' conditions.
public protocol FigureRenderer: Sendable {
    /// Renders `subgraph` into `fragment` (given empty).
    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment)
}

/// An output format's writer: the plugin protocol every format target implements.
///
/// The export driver calls ``begin()`` once, ``write(_:)`` once per figure in figid order on
/// one thread, then ``finish()``. The heavy work, turning a figure into bytes, belongs in the
/// sink's ``renderer``, which the driver runs on the worker threads; ``write(_:)`` should only
/// append the fragment's segments (``FigureFragment/emit(_:to:)``). No sink keeps a key set:
/// the ``FigureNews`` says what is new. No sink holds the corpus.
public protocol GraphSink: AnyObject {
    /// Renders figures on the worker threads; nil when the sink works on the consumer thread
    /// alone (a corpus-wide network that must see every figure first).
    var renderer: (any FigureRenderer)? { get }
    /// Creates the sink's files and writes headers.
    func begin() throws(ExportError)
    /// Writes one figure.
    func write(_ figure: RenderedFigure) throws(ExportError)
    /// Writes trailers, closes the files and says what was written.
    func finish() throws(ExportError) -> SinkSummary
}

/// A registered output format: its name on the command line and how to make its sink.
public protocol GraphFormat: Sendable {
    /// The `--format` name (`kgx-jsonl`, `turtle`).
    var name: String { get }
    /// One line for `pfocr-kg formats`.
    var summary: String { get }
    /// The files it writes, relative to the output folder (patterns such as `cx2/<figid>.cx2`).
    var files: [String] { get }
    /// Formats of one family share one sink, made once for all of the family's selected
    /// formats (Turtle and N-Triples: one RDF pass feeds both serializers, and `void.ttl` is
    /// written once). Defaults to the format's own name.
    var family: String { get }
    /// Makes the sink for one export; `formats` names the selected formats of this family,
    /// in `--format` order (just this one for a format without a family). The sink's summary
    /// is reported under each of them.
    func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink
    /// The options it declares (``FormatOption``: `--cx-scope`, `--created`), which its sink
    /// reads from ``SinkContext/options``; an option that no chosen format declares gets a
    /// warning.
    var options: [FormatOption] { get }
}

extension GraphFormat {
    public var family: String { name }
    public var options: [FormatOption] { [] }

    /// Whether `path` (relative to the output folder, uncompressed name) is one of the files
    /// ``files`` describes: a `<...>` part matches any text without `/`, and a remark in
    /// parentheses after the pattern (`pfocr.cx (--cx-scope corpus)`) is not part of it.
    /// `--archive` puts each format's files into its archive by this.
    public func writes(_ path: String) -> Bool {
        files.contains { FilePattern.matches(pattern: $0, path: path) }
    }
}

/// The file patterns of ``GraphFormat/files``.
enum FilePattern {
    static func matches(pattern: String, path: String) -> Bool {
        let spelled = pattern.split(separator: " ", maxSplits: 1).first.map(String.init) ?? pattern
        // Literal parts between the `<...>` wildcards.
        var literals: [Substring] = []
        var rest = spelled[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            literals.append(rest[..<open])
            rest = rest[rest.index(after: close)...]
        }
        literals.append(rest)
        guard literals.count > 1 else { return spelled == path }
        var remaining = path[...]
        for (index, literal) in literals.enumerated() {
            if index == 0 {
                guard remaining.hasPrefix(literal) else { return false }
                remaining = remaining.dropFirst(literal.count)
            } else if index == literals.count - 1 {
                guard remaining.hasSuffix(literal), remaining.count >= literal.count else { return false }
                let wildcard = remaining.dropLast(literal.count)
                return !wildcard.isEmpty && !wildcard.contains("/")
            } else {
                guard let found = remaining.firstRange(of: literal) else { return false }
                let wildcard = remaining[..<found.lowerBound]
                guard !wildcard.isEmpty, !wildcard.contains("/") else { return false }
                remaining = remaining[found.upperBound...]
            }
        }
        return false
    }
}

/// What a sink gets to work with.
public struct SinkContext {
    public let mapping: Mapping
    public let output: OutputDirectory
    /// The format options given, checked against their declarations.
    public let options: FormatOptionValues
    public let toolVersion: String

    public init(mapping: Mapping, output: OutputDirectory, options: FormatOptionValues, toolVersion: String) {
        self.mapping = mapping
        self.output = output
        self.options = options
        self.toolVersion = toolVersion
    }
}

/// What a sink reports when it finishes; it goes into `report.json` under the format's name.
public struct SinkSummary: Sendable, Codable, Hashable {
    /// Counts worth reporting (`triples`, `networks`, `removedCharacters`).
    public var counts: [String: Int]
    /// Remarks for the user, printed as warnings.
    public var notes: [String]
    /// Output the sink refused to write (a corpus CX network too large for NDEx); makes the
    /// export exit 65.
    public var refusals: [String]
    /// Named lists for the report, such as the figids of figures that got no CX network.
    public var lists: [String: [String]]

    public init(
        counts: [String: Int] = [:], notes: [String] = [], refusals: [String] = [], lists: [String: [String]] = [:]
    ) {
        self.counts = counts
        self.notes = notes
        self.refusals = refusals
        self.lists = lists
    }
}
