/// When a segment of a ``FigureFragment`` is written: decided by the driver's
/// ``FigureNews`` for the figure, after the worker rendered it.
public enum EmitCondition: Sendable, Hashable {
    /// Always (the figure's own part, its edges).
    case always
    /// When node `index` of the subgraph is new (kind and id).
    case newNode(Int)
    /// When node `index`'s identifier is new in any kind (KGX's ids are unique across kinds).
    case newIdentifier(Int)
    /// When edge `index` of the subgraph is written.
    case keptEdge(Int)
    /// When node `node` is new and edge `edge` is written (a gene described with its taxon).
    case newNodeAndKeptEdge(node: Int, edge: Int)
    /// When node `node` is not new but edge `edge` is written (a taxon given to a gene that an
    /// earlier figure described).
    case oldNodeAndKeptEdge(node: Int, edge: Int)

    /// Whether the condition holds for `news`.
    @inlinable
    public func holds(_ news: FigureNews) -> Bool {
        switch self {
        case .always: true
        case .newNode(let index): news.newNodes[index]
        case .newIdentifier(let index): news.newNodes[index] && news.newIdentifiers[index]
        case .keptEdge(let index): news.keptEdges[index]
        case .newNodeAndKeptEdge(let node, let edge): news.newNodes[node] && news.keptEdges[edge]
        case .oldNodeAndKeptEdge(let node, let edge): !news.newNodes[node] && news.keptEdges[edge]
        }
    }
}

/// One figure rendered by one format on a worker thread: the bytes of every piece the format
/// may write, cut into segments that say which file they go to and when they are written.
///
/// This is what lets every format render on all cores while the output stays byte-identical
/// for any `--jobs`: a worker cannot know which genes an earlier figure already wrote, so it
/// renders each node's part as its own conditional segment, and the single ordered consumer
/// only appends the segments whose ``EmitCondition`` holds. Adjacent segments with the same
/// file and condition are merged, so a figure is a handful of `memcpy`s at the consumer.
public struct FigureFragment: Sendable {
    /// One run of ``FigureFragment/bytes``.
    public struct Segment: Sendable {
        /// Index into the sink's files (the sink's own numbering).
        public var file: Int
        public var range: Range<Int>
        public var condition: EmitCondition
        /// Counts the sink adds up for the segments it writes (triples, rows, removed
        /// characters: the meaning of each lane is the sink's).
        public var tally: SIMD4<Int>
        /// True for a whole file of its own (``FigureFragment/endWholeFile(file:tally:)``).
        public var isWholeFile = false
    }

    /// Every rendered byte, segments back to back.
    public var bytes: [UInt8] = []
    /// Plain values (no reference inside), so closing a segment copies no reference count.
    public private(set) var segments: [Segment] = []
    /// Where a worker already wrote whole-file segments (``FilePrewriter``), by segment index;
    /// the sink adopts them (``OutputDirectory/adopt(_:as:)``) instead of writing the bytes.
    private var prewrittenFiles: [(segment: Int, file: PrewrittenFile)] = []
    /// Where the open segment starts.
    private var openStart = 0
    /// Per index of `subgraph.nodes`: the node was settled by an earlier figure, so a
    /// renderer may skip its `.newNode`/`.newIdentifier` parts (they would not be written).
    private let settled: [Bool]

    /// An empty fragment; `settled` marks the subgraph's nodes an earlier figure already
    /// wrote (``GraphRegistry/settledNodes(in:)``), or is empty when unknown.
    public init(settled: [Bool] = []) {
        self.settled = settled
    }

    /// True when node `index` of the subgraph is certainly not new: its node-only parts
    /// need not be rendered. Parts that also depend on an edge (a gene's taxon) still are.
    public func isSettled(_ index: Int) -> Bool {
        index < settled.count && settled[index]
    }

    /// Closes the bytes appended since the last segment as one segment of `file`, written
    /// when `condition` holds; `tally` is added to the sink's counts when it is written.
    /// Nothing is recorded for an empty segment with a zero tally.
    public mutating func endSegment(file: Int = 0, when condition: EmitCondition = .always, tally: SIMD4<Int> = .zero) {
        let start = openStart
        let end = bytes.count
        openStart = end
        guard end > start || tally != .zero else { return }
        // In place: copying the last segment out and back cost some 300 instructions a call.
        let last = segments.count - 1
        if last >= 0, segments[last].range.upperBound == start, segments[last].file == file,
            segments[last].condition == condition, !segments[last].isWholeFile
        {
            segments[last].range = segments[last].range.lowerBound..<end
            segments[last].tally &+= tally
        } else {
            segments.append(Segment(file: file, range: start..<end, condition: condition, tally: tally))
        }
    }

    /// Closes the bytes appended since the last segment as a whole file of its own (a format
    /// with one file per figure: CX), always written. The driver may write it on the worker
    /// thread (``prewritten(_:)``); the sink names it.
    public mutating func endWholeFile(file: Int, tally: SIMD4<Int> = .zero) {
        let range = openStart..<bytes.count
        openStart = bytes.count
        segments.append(Segment(file: file, range: range, condition: .always, tally: tally, isWholeFile: true))
    }

    /// Writes every whole-file segment with `writer` (on the worker thread that rendered the
    /// fragment), naming each by `key` and segment so no two figures' files meet. A segment
    /// whose file could not be written keeps only its bytes.
    mutating func prewriteWholeFiles(with writer: FilePrewriter, key: Int) {
        for index in segments.indices where segments[index].isWholeFile {
            let range = segments[index].range
            let written = bytes.withUnsafeBytes { all in
                writer.write(UnsafeRawBufferPointer(rebasing: all[range]), figure: key, segment: index)
            }
            if let written { prewrittenFiles.append((index, written)) }
        }
    }

    /// The file a worker wrote for segment `index` (a whole file), if it did.
    public func prewritten(_ index: Int) -> PrewrittenFile? {
        prewrittenFiles.first { $0.segment == index }?.file
    }

    /// Appends every segment whose condition holds for `news` to its file, in order, and
    /// returns the sum of their tallies.
    @discardableResult
    public func emit(_ news: FigureNews, to files: [OutputFile]) -> SIMD4<Int> {
        var total = SIMD4<Int>.zero
        bytes.withUnsafeBufferPointer { all in
            for segment in segments where segment.condition.holds(news) {
                files[segment.file].write(UnsafeBufferPointer(rebasing: all[segment.range]))
                total &+= segment.tally
            }
        }
        return total
    }

    /// Appends every segment whose condition holds for `news` to its file, in order, adding
    /// its tally to `tallies[segment.file]` (for sinks that report counts per file).
    public func emit(_ news: FigureNews, to files: [OutputFile], tallies: inout [SIMD4<Int>]) {
        bytes.withUnsafeBufferPointer { all in
            for segment in segments where segment.condition.holds(news) {
                files[segment.file].write(UnsafeBufferPointer(rebasing: all[segment.range]))
                tallies[segment.file] &+= segment.tally
            }
        }
    }

    /// The sum of the tallies of the segments whose condition holds for `news`, without
    /// writing anything (for sinks that write the bytes some other way).
    public func tally(_ news: FigureNews) -> SIMD4<Int> {
        var total = SIMD4<Int>.zero
        for segment in segments where segment.condition.holds(news) { total &+= segment.tally }
        return total
    }
}
