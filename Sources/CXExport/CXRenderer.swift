import PFOCRGraph

/// Renders one figure's whole CX file, in each selected dialect, on a worker thread: a figure
/// network depends on no other figure, so each file's bytes are one `.always` segment whose
/// file index is the dialect's position in ``dialects`` (no segment for a figure without
/// identified entities, which gets no file). The network is built once for both dialects.
/// Tally lanes, carried by the first dialect's segment only, so a network counts once:
/// ``networksLane`` (1), ``nodesLane``, ``edgesLane``, ``typeClashesLane`` (values left out of
/// the network).
///
/// A figure whose genes the organism choice (``CXOrganismChoice``) thins, or whose network's
/// organism is none of its curated ones, also gets one empty segment on ``accountingFile``
/// (past the dialects: the sink writes no file for it) whose tally lanes are
/// ``otherTaxonLane`` and ``noTaxonLane`` (genes left out), ``thinnedLane`` (1 when genes
/// were left out) and ``uncuratedLane`` (1 when the network's organism is none of the
/// figure's curated ones); a figure left with no node gets that segment alone.
///
/// The network is built in a local of ``render(_:into:)``; the renderer itself holds only
/// the builder's configuration and the writers' precomputed bytes.
struct CXRenderer: FigureRenderer {
    static let networksLane = 0
    static let nodesLane = 1
    static let edgesLane = 2
    static let typeClashesLane = 3
    static let otherTaxonLane = 0
    static let noTaxonLane = 1
    static let thinnedLane = 2
    static let uncuratedLane = 3

    let builder: CXNetworkBuilder
    /// The dialects written, in `--format` order; a segment's file index points here.
    let dialects: [CXDialect]
    private let cx2Writer: CX2Writer
    private let cx1Writer: CX1Writer

    /// The file index of the accounting segment: past every dialect's.
    var accountingFile: Int { dialects.count }

    init(mapping: Mapping, dialects: [CXDialect]) {
        builder = CXNetworkBuilder(mapping: mapping)
        self.dialects = dialects
        let style = CXStyle(vocabulary: mapping.vocabulary)
        cx2Writer = CX2Writer(style: Array(style.cx2Text.utf8), names: builder.names)
        cx1Writer = CX1Writer(style: Array(style.cx1Text.utf8), names: builder.names)
    }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        var network = CXNetwork()
        let choice = builder.buildFigureNetwork(subgraph, into: &network)
        if choice.leftOut > 0 || choice.uncurated {
            var tally = SIMD4<Int>.zero
            tally[CXRenderer.otherTaxonLane] = choice.otherTaxonGenes
            tally[CXRenderer.noTaxonLane] = choice.genesWithoutTaxon
            tally[CXRenderer.thinnedLane] = choice.leftOut > 0 ? 1 : 0
            tally[CXRenderer.uncuratedLane] = choice.uncurated ? 1 : 0
            fragment.endSegment(file: accountingFile, tally: tally)
        }
        guard !network.nodes.isEmpty else { return }
        for (index, dialect) in dialects.enumerated() {
            write(network, in: dialect, to: &fragment.bytes)
            // A whole file: the driver writes it on this worker thread (FilePrewriter).
            fragment.endWholeFile(file: index, tally: index == 0 ? CXRenderer.tally(network) : .zero)
        }
    }

    /// Appends `network` in `dialect` to `bytes`. Into an empty array (a figure's first file)
    /// the writer writes in place, in the array's new capacity, sized to hold any file of the
    /// network; else, or when the file does not fit after all, it writes to a buffer of its
    /// own that is then copied.
    private func write(_ network: borrowing CXNetwork, in dialect: CXDialect, to bytes: inout [UInt8]) {
        // The values, each name spelled and the punctuation of each attribute and node, the
        // style, the declarations and metadata.
        let bound =
            8192 + (dialect == .cx2 ? cx2Writer.style.count : cx1Writer.style.count) + network.json.count
            + 96 * (network.attributes.count + network.nodeAttributes.count + network.edgeAttributes.count)
            + 192 * (network.nodes.count + network.edges.count)
        if bytes.isEmpty {
            var spilled: [UInt8]? = nil
            bytes = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                var out = ByteBuffer(writingInto: buffer)
                write(network, in: dialect, to: &out)
                if out.isInPlace {
                    count = out.count
                } else {
                    spilled = Array(out.bytes)
                    count = 0
                }
            }
            if let spilled { bytes = spilled }
        } else {
            var out = ByteBuffer(capacity: bound)
            write(network, in: dialect, to: &out)
            bytes.append(contentsOf: out.bytes)
        }
    }

    /// Appends `network` in `dialect`.
    func write(_ network: borrowing CXNetwork, in dialect: CXDialect, to out: inout ByteBuffer) {
        switch dialect {
        case .cx2: cx2Writer.write(network, to: &out)
        case .cx1: cx1Writer.write(network, to: &out)
        }
    }

    /// `network` in `dialect`, as bytes.
    func bytes(_ network: borrowing CXNetwork, in dialect: CXDialect) -> [UInt8] {
        var out = ByteBuffer(capacity: 4096 + 2 * network.json.count + 256 * network.nodes.count)
        write(network, in: dialect, to: &out)
        return Array(out.bytes)
    }

    /// What writing `network` adds to the sink's counts.
    static func tally(_ network: borrowing CXNetwork) -> SIMD4<Int> {
        var tally = SIMD4<Int>.zero
        tally[networksLane] = 1
        tally[nodesLane] = network.nodes.count
        tally[edgesLane] = network.edges.count
        tally[typeClashesLane] = network.typeClashes
        return tally
    }
}
