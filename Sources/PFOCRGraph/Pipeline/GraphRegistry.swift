import Foundation

/// A node's identity in the graph: its kind and its identifier.
///
/// A MeSH id used as a chemical in one figure and as a disease in another is a Chemical node
/// and a Disease node (what a graph database's labels expect).
public struct NodeKey: Hashable, Sendable {
    public var kind: NodeKind
    public var id: Identifier

    public init(kind: NodeKind, id: Identifier) {
        self.kind = kind
        self.id = id
    }

    /// The key of `node`.
    public init(_ node: GraphNode) {
        self.init(kind: node.kind, id: node.id)
    }
}

/// What the export's one key set decided about one figure's subgraph: which of its nodes are
/// new to the export and which of its edges are written. Sinks never decide this themselves.
///
/// The rules, for every format alike:
/// - A corpus-wide node (paper, gene, chemical, disease, organism) is written once, with the
///   properties of the first figure (in figid order) that reaches it.
/// - Every edge from the figure is written; a gene's IN_TAXON edge only the first time a
///   figure gives the gene a taxon (one taxon per gene, the first figure's).
/// - Formats whose ids must be unique across kinds (KGX) also get ``newIdentifiers``.
public struct FigureNews: Sendable {
    /// Per index of `subgraph.nodes`: the node (kind and id) is in no earlier figure.
    public internal(set) var newNodes: [Bool]
    /// Per index of `subgraph.nodes`: no node with this identifier, of any kind, is in an
    /// earlier figure or earlier in this one.
    public internal(set) var newIdentifiers: [Bool]
    /// Per index of `subgraph.edges`: the edge is written.
    public internal(set) var keptEdges: [Bool]

    public init(newNodes: [Bool], newIdentifiers: [Bool], keptEdges: [Bool]) {
        self.newNodes = newNodes
        self.newIdentifiers = newIdentifiers
        self.keptEdges = keptEdges
    }

    /// News for a subgraph seen alone: everything new, every edge kept.
    public init(everythingNewIn subgraph: FigureSubgraph) {
        newNodes = Array(repeating: true, count: subgraph.nodes.count)
        newIdentifiers = newNodes
        keptEdges = Array(repeating: true, count: subgraph.edges.count)
    }

    /// The new nodes of `subgraph`, in subgraph order.
    public func newNodes(of subgraph: FigureSubgraph) -> [GraphNode] {
        subgraph.nodes.indices.compactMap { newNodes[$0] ? subgraph.nodes[$0] : nil }
    }

    /// The written edges of `subgraph`, in subgraph order.
    public func keptEdges(of subgraph: FigureSubgraph) -> [GraphEdge] {
        subgraph.edges.indices.compactMap { keptEdges[$0] ? subgraph.edges[$0] : nil }
    }

}

/// The export's one corpus-wide key set: which nodes, identifiers and gene taxa have been
/// written. The driver settles each figure against it, in figid order, on one thread, and
/// hands the resulting ``FigureNews`` to every sink, so no sink keeps a key set of its own.
///
/// One dictionary entry per distinct identifier, holding a bit per node kind and one for
/// "this gene's IN_TAXON edge is written": memory grows with the distinct entities, not with
/// the figures' rows.
///
/// Workers may ask it which nodes of the figure they are about to render are already settled
/// (``settledNodes(in:)``), so they skip rendering parts that cannot be new. The answer
/// depends on timing but never changes the output: a node settled before figure *i* is
/// rendered was settled by an earlier figure (figure *i* is settled only after it is
/// rendered), and every node not skipped is still written only when its condition holds.
public final class GraphRegistry: @unchecked Sendable {
    // Guarded by `lock`: the consumer writes once per figure, workers read once per figure.
    private let lock = NSLock()
    private var tables = Tables()
    private static let taxonBit: UInt8 = 1 << 7

    /// The flags by identifier, in two dictionaries: NCBI Gene ids (most nodes of every
    /// figure, and every IN_TAXON edge) by their integer value, which hashes and compares for
    /// a fraction of a string's cost; every other identifier by itself.
    private struct Tables {
        var genes = GeneFlags()
        var others: [Identifier: UInt8] = [:]

        /// Calls `body` with the flags of `id`, inserted as 0 when absent (one hash).
        mutating func withFlags<T>(_ id: Identifier, _ body: (inout UInt8) -> T) -> T {
            if let key = Tables.geneKey(id) { return genes.withFlags(key, body) }
            return body(&others[id, default: 0])
        }

        func flags(_ id: Identifier) -> UInt8 {
            if let key = Tables.geneKey(id) { return genes.flags(key) }
            return others[id] ?? 0
        }

        /// The value of an NCBI Gene id written as canonical decimal (one to 18 digits, no
        /// leading zero), which no other id text has: the same value is the same identifier.
        /// Nil for every other identifier, which is then keyed by itself. (No string other
        /// than these ASCII digits is equal to them as a Swift string, so equal identifiers
        /// always land in the same table.)
        static func geneKey(_ id: Identifier) -> UInt64? {
            guard id.namespace == .ncbigene else { return nil }
            let value = id.local.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
                guard bytes.count >= 1, bytes.count <= 18, bytes[0] != UInt8(ascii: "0") || bytes.count == 1 else {
                    return nil
                }
                var value: UInt64 = 0
                for byte in bytes {
                    let digit = byte &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value &* 10 &+ UInt64(digit)
                }
                return value
            }
            return value ?? nil
        }
    }

    public init() {}

    private static func bit(_ kind: NodeKind) -> UInt8 { 1 << UInt8(kind.order) }

    /// Decides what is new in `subgraph` and records it. Figures are not recorded: the driver
    /// rejects a second record with the same figid before it gets here.
    public func settle(_ subgraph: FigureSubgraph) -> FigureNews {
        lock.lock()
        defer { lock.unlock() }
        // The tables are passed inout: one exclusivity check for the figure, not one per node
        // (a class's stored property is checked at every access).
        return GraphRegistry.settle(subgraph, in: &tables)
    }

    private static func settle(_ subgraph: FigureSubgraph, in tables: inout Tables) -> FigureNews {
        let nodes = subgraph.nodes
        let edges = subgraph.edges
        var newNodes = [Bool](repeating: false, count: nodes.count)
        var newIdentifiers = [Bool](repeating: false, count: nodes.count)
        // Each check-and-set goes through the dictionary's in-place accessor: one hash.
        func mark(_ flags: inout UInt8, _ bit: UInt8) -> (new: Bool, identifierWasNew: Bool) {
            let before = flags
            flags |= bit
            return (before & bit == 0, before & ~GraphRegistry.taxonBit == 0)
        }
        var keptEdges = [Bool](repeating: true, count: edges.count)
        // The IN_TAXON edges, in edge order; `pending` is the first whose bit is not yet set.
        // The builder makes them in the order of their genes among the nodes, so each one's
        // bit is set in the same dictionary access as its gene's node bit (one hash for both,
        // not two); any edge not met that way is settled after the nodes, in order. The two
        // bits are independent (a node's answers ignore the taxon bit), so the answers are
        // those of settling every node first and then every edge.
        func nextTaxonEdge(from start: Int) -> Int {
            var index = start
            while index < edges.count && edges[index].kind != .inTaxon { index += 1 }
            return index
        }
        var pending = nextTaxonEdge(from: 0)
        // By index, reading only the fields needed: iterating the elements would copy each
        // node or edge (retaining its strings and arrays) just to read its id.
        for index in nodes.indices {
            let bit = GraphRegistry.bit(nodes[index].kind)
            let withEdge =
                pending < edges.count && nodes[index].kind == .gene && edges[pending].source == nodes[index].id
            let marked = tables.withFlags(nodes[index].id) { flags in
                let node = mark(&flags, bit)
                return (node: node, edge: withEdge ? mark(&flags, GraphRegistry.taxonBit).new : true)
            }
            newNodes[index] = marked.node.new
            newIdentifiers[index] = marked.node.new && marked.node.identifierWasNew
            if withEdge {
                keptEdges[pending] = marked.edge
                pending = nextTaxonEdge(from: pending + 1)
            }
        }
        while pending < edges.count {
            keptEdges[pending] = tables.withFlags(edges[pending].source) { mark(&$0, GraphRegistry.taxonBit) }.new
            pending = nextTaxonEdge(from: pending + 1)
        }
        return FigureNews(newNodes: newNodes, newIdentifiers: newIdentifiers, keptEdges: keptEdges)
    }

    /// Per index of `subgraph.nodes`: true when the node is already settled, so it is
    /// certainly not new in this figure (see the type's note on timing).
    public func settledNodes(in subgraph: FigureSubgraph) -> [Bool] {
        lock.lock()
        defer { lock.unlock() }
        return subgraph.nodes.map { node in tables.flags(node.id) & GraphRegistry.bit(node.kind) != 0 }
    }
}

/// Flags by NCBI Gene id value: an open-addressing table (linear probing, a power-of-two size,
/// at most half full) whose slot is the key times a constant, after XOR with a random seed.
///
/// A `Dictionary<UInt64, UInt8>` hashed each key with SipHash, which cost more than the rest
/// of a lookup; the registry looks up every gene of every figure. The seed is drawn per table,
/// so no input can plan collisions (the table's order is never read: output does not depend
/// on it).
struct GeneFlags {
    /// No gene key: a canonical id of at most 18 digits is below 10^18.
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [UInt8]
    private var count = 0
    /// 64 less the log2 of the size: the slot is the product's top bits.
    private var shift: UInt64
    private let seed = UInt64.random(in: 0...UInt64.max)

    init() {
        // Room for some 2,000 genes before the first growth (a growth rehashes every key).
        let size = 4096
        keys = Array(repeating: GeneFlags.empty, count: size)
        values = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: ((key ^ seed) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The flags of `key`, 0 when absent.
    func flags(_ key: UInt64) -> UInt8 {
        let mask = keys.count - 1
        var index = slot(key)
        while keys[index] != GeneFlags.empty {
            if keys[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return 0
    }

    /// Calls `body` with the flags of `key`, inserted as 0 when absent.
    mutating func withFlags<T>(_ key: UInt64, _ body: (inout UInt8) -> T) -> T {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var index = slot(key)
        while keys[index] != key {
            if keys[index] == GeneFlags.empty {
                keys[index] = key
                count += 1
                break
            }
            index = (index + 1) & mask
        }
        return body(&values[index])
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: GeneFlags.empty, count: size)
        values = Array(repeating: 0, count: size)
        shift -= 1
        let mask = size - 1
        for (key, value) in zip(oldKeys, oldValues) where key != GeneFlags.empty {
            var index = slot(key)
            while keys[index] != GeneFlags.empty { index = (index + 1) & mask }
            keys[index] = key
            values[index] = value
        }
    }
}
