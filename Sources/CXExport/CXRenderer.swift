import PFOCRGraph

/// Renders one figure's whole CX file on a worker thread: a figure network depends on no
/// other figure, so the file's bytes are one `.always` segment (none for a figure without
/// identified entities, which gets no file). Tally lanes: ``networksLane`` (1),
/// ``nodesLane``, ``edgesLane``, ``typeClashesLane`` (values left out of the network).
///
/// The network is built in a local of ``render(_:into:)``; the renderer itself holds only
/// the builder's configuration and the writers' precomputed bytes.
struct CXRenderer: FigureRenderer {
    static let networksLane = 0
    static let nodesLane = 1
    static let edgesLane = 2
    static let typeClashesLane = 3

    let builder: CXNetworkBuilder
    let dialect: CXDialect
    private let cx2Writer: CX2Writer
    private let cx1Writer: CX1Writer

    init(mapping: Mapping, dialect: CXDialect) {
        builder = CXNetworkBuilder(mapping: mapping)
        self.dialect = dialect
        let style = CXStyle(vocabulary: mapping.vocabulary)
        cx2Writer = CX2Writer(style: Array(style.cx2Text.utf8), context: builder.context)
        cx1Writer = CX1Writer(style: Array(style.cx1Text.utf8), context: builder.context)
    }

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        var network = CXNetwork()
        guard builder.buildFigureNetwork(subgraph, into: &network) else { return }
        // About what a node takes in either dialect, and the style and network attributes.
        fragment.bytes.reserveCapacity(4096 + 512 * network.nodes.count)
        write(network, to: &fragment.bytes)
        fragment.endSegment(tally: CXRenderer.tally(network))
    }

    /// Appends `network` in the sink's dialect.
    func write(_ network: CXNetwork, to out: inout [UInt8]) {
        switch dialect {
        case .cx2: cx2Writer.write(network, to: &out)
        case .cx1: cx1Writer.write(network, to: &out)
        }
    }

    /// What writing `network` adds to the sink's counts.
    static func tally(_ network: CXNetwork) -> SIMD4<Int> {
        var tally = SIMD4<Int>.zero
        tally[networksLane] = 1
        tally[nodesLane] = network.nodes.count
        tally[edgesLane] = network.edges.count
        tally[typeClashesLane] = network.typeClashes
        return tally
    }
}
