import PFOCRRecords

/// An output format: the plugin protocol every format target implements.
///
/// The export driver calls ``begin()`` once, ``write(_:)`` once per figure in figid order,
/// then ``finish()``. A sink that writes corpus-wide nodes keeps only the set of node keys it
/// has written (see ``NodeDeduplicator``); no sink holds the corpus. Sinks run on one thread.
public protocol GraphSink: AnyObject {
    /// Creates the sink's files and writes headers.
    func begin() throws(ExportError)
    /// Writes one figure's subgraph.
    func write(_ subgraph: FigureSubgraph) throws(ExportError)
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
    /// Makes a sink for one export.
    func makeSink(context: SinkContext) throws(ExportError) -> any GraphSink
}

/// What a sink gets to work with.
public struct SinkContext {
    public let mapping: Mapping
    public let output: OutputDirectory
    /// Format options from the command line (`cx-scope`, `created`, `source-version`).
    public let options: [String: String]
    public let toolVersion: String
    /// The names of every format of this export, in `--format` order, so related sinks can
    /// share a file deterministically (the first RDF sink writes `void.ttl`).
    public let formats: [String]

    public init(mapping: Mapping, output: OutputDirectory, options: [String: String], toolVersion: String, formats: [String] = []) {
        self.mapping = mapping
        self.output = output
        self.options = options
        self.toolVersion = toolVersion
        self.formats = formats
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

    public init(counts: [String: Int] = [:], notes: [String] = [], refusals: [String] = [], lists: [String: [String]] = [:]) {
        self.counts = counts
        self.notes = notes
        self.refusals = refusals
        self.lists = lists
    }
}
