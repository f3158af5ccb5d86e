import PFOCRGraph

/// Renders one figure's GMT lines on a worker thread: a gene set per taxon of the figure's
/// genes and a chemical set, each written when it has at least ``minimum`` distinct members.
///
/// A line is `<figid>\t<figure title>\t<id>\t<id>...\n`: genes as NCBI Gene ids in numeric
/// order (the builder's gene order), chemicals as `CHEBI:<n>` (ChEBI where the chemical has a
/// ChEBI id, even when the node is keyed by MeSH) else `MESH:<id>`, ChEBI ids first in numeric
/// order, then MeSH ids. A tab or line break in the figid or title would break the line: each
/// run of them is written as one space, and counted.
///
/// Every segment is written (``EmitCondition/always``): a gene set is the figure's own, so it
/// does not depend on what earlier figures wrote. Segment files (the sink resolves them):
/// ``chemicalsFile``; ``accountingFile`` (no bytes: tallies only); `organismFileBase + i` for
/// the gene set of the taxon that is node `i` of the subgraph. Tally lanes: 0 sets written,
/// 1 members written, 2 fields cleaned, 3 sets below the minimum (on ``accountingFile``:
/// lane 0 is the figure's genes that have no taxon, in no gene set).
struct GMTRenderer: FigureRenderer {
    static let chemicalsFile = 0
    static let accountingFile = 1
    static let organismFileBase = 2

    let prefixes: PrefixSet
    let minimum: Int

    func render(_ subgraph: FigureSubgraph, into fragment: inout FigureFragment) {
        var taxonOfGene: [Identifier: Identifier] = [:]
        for edge in subgraph.edges where edge.kind == .inTaxon { taxonOfGene[edge.source] = edge.target }
        var organismIndex: [Identifier: Int] = [:]
        for (index, node) in subgraph.nodes.enumerated() where node.kind == .organism { organismIndex[node.id] = index }

        // Genes per taxon, in taxon node order; genes keep the builder's numeric order.
        var members: [Int: [String]] = [:]
        var untaxed = 0
        for node in subgraph.nodes where node.kind == .gene {
            guard let taxon = taxonOfGene[node.id], let index = organismIndex[taxon] else {
                untaxed += 1
                continue
            }
            members[index, default: []].append(node.id.local)
        }
        if untaxed > 0 { fragment.endSegment(file: GMTRenderer.accountingFile, tally: [untaxed, 0, 0, 0]) }

        var head: [UInt8] = []
        var cleaned = 0
        func appendHead() {
            if head.isEmpty {
                cleaned = GMTRenderer.appendField(subgraph.figid, to: &head)
                head.append(0x09)
                var title = ""
                if case .string(let text)? = subgraph.figure.value(.title) { title = text }
                cleaned += GMTRenderer.appendField(title, to: &head)
            }
            fragment.bytes.append(contentsOf: head)
        }
        func appendSet(_ ids: [String], file: Int) {
            guard ids.count >= minimum else {
                fragment.endSegment(file: GMTRenderer.accountingFile, tally: [0, 0, 0, 1])
                return
            }
            appendHead()
            for id in ids {
                fragment.bytes.append(0x09)
                fragment.bytes.append(utf8: id)
            }
            fragment.bytes.append(0x0A)
            fragment.endSegment(file: file, tally: [1, ids.count, cleaned, 0])
        }
        for index in members.keys.sorted() {
            appendSet(members[index] ?? [], file: GMTRenderer.organismFileBase + index)
        }
        let chemicals = chemicalIDs(subgraph)
        if !chemicals.isEmpty { appendSet(chemicals, file: GMTRenderer.chemicalsFile) }
    }

    /// The figure's distinct chemicals: ChEBI CURIEs (numeric order), then MeSH CURIEs.
    func chemicalIDs(_ subgraph: FigureSubgraph) -> [String] {
        var chebi = Set<String>()
        var mesh = Set<String>()
        for node in subgraph.nodes where node.kind == .chemical {
            if node.id.namespace == .chebi {
                chebi.insert(node.id.local)
            } else if case .string(let xref)? = node.value(.chebiID) {
                chebi.insert(xref)
            } else {
                mesh.insert(node.id.local)
            }
        }
        return chebi.sorted(by: GraphBuilder.numericOrder).map { prefixes.biolinkCurie(Identifier(.chebi, $0)) }
            + mesh.sorted().map { prefixes.biolinkCurie(Identifier(.mesh, $0)) }
    }

    /// Appends `text` with every run of tabs and line breaks (LF, CR, VT, FF, NEL, U+2028,
    /// U+2029) written as one space; returns 1 when it changed anything, else 0.
    static func appendField(_ text: String, to out: inout [UInt8]) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var changed = 0
            var inRun = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var width = 0
                if byte >= 0x09 && byte <= 0x0D {
                    width = 1
                } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                    width = 2
                } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                    bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
                {
                    width = 3
                }
                if width > 0 {
                    changed = 1
                    if !inRun { out.append(0x20) }
                    inRun = true
                    index += width
                } else {
                    inRun = false
                    out.append(byte)
                    index += 1
                }
            }
            return changed
        }
    }
}
