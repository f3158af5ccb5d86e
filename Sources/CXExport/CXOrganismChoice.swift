import PFOCRGraph

/// Which organism's genes a figure network holds, and the genes it leaves out
/// (Docs/cx.md, "One organism per network"). PFOCR's NDEx networks hold the genes of one
/// organism; a figure's OCR can match genes of several (human HK2 beside mouse Hk2).
///
/// The rule, in one place:
/// 1. candidates: the figure's curated taxa (its ABOUT edges) that at least one of its genes
///    has; when none has, every taxon its genes have;
/// 2. of the candidates, the one with the most gene rows (a gene's rows count for the gene's
///    taxon, its IN_TAXON edge; a row is one evidence row of the MENTIONS edge, `GraphEdge.evidence`);
/// 3. ties go to the lowest NCBI Taxonomy id (numeric order);
/// 4. no taxon when no gene has one: then every gene is left out.
///
/// So a figure curated with one organism gets that organism's genes, as issue 11 asks,
/// unless it has none of them (on the real sample, a figure curated "Escherichia coli",
/// 562, whose genes are all of the strain K-12 MG1655, 511145); and a figure curated with
/// several organisms gets one of them, not an uncurated taxon that happens to have more
/// rows (the fly lexicon matches many short words: a figure curated human, mouse and
/// Enterovirus has more fly rows than human ones).
///
/// Genes of another taxon and genes without a taxon are left out of the network and counted
/// (``otherTaxonGenes``, ``genesWithoutTaxon``); chemicals and diseases are always kept.
struct CXOrganismChoice: Equatable {
    /// The organism node's id (`ncbitaxon:<id>`); nil when no gene can be placed.
    var taxon: Identifier?
    /// The organism's name (the organism node's name), for the `organism` attributes.
    var name: String?
    /// True when the taxon is not a curated one (no curated taxon has genes in the figure).
    var uncurated = false
    /// Gene nodes of the figure left out because their taxon is another one.
    var otherTaxonGenes = 0
    /// Gene nodes of the figure left out because they have no taxon.
    var genesWithoutTaxon = 0
    /// The taxon of each gene of the figure (its IN_TAXON edge), by gene id.
    var geneTaxa: [Identifier: Identifier] = [:]

    /// Gene nodes left out, for any reason.
    var leftOut: Int { otherTaxonGenes + genesWithoutTaxon }

    /// True when the network keeps the gene `id`.
    func keeps(gene id: Identifier) -> Bool {
        guard let taxon else { return false }
        return geneTaxa[id] == taxon
    }

    /// The choice for `subgraph`, its genes counted.
    init(_ subgraph: FigureSubgraph) {
        var curated: [Identifier] = []
        var rows: [Identifier: Int] = [:]
        for edge in subgraph.edges {
            switch edge.kind {
            case .about where edge.targetKind == .organism:
                if !curated.contains(edge.target) { curated.append(edge.target) }
            case .inTaxon where edge.sourceKind == .gene:
                if geneTaxa[edge.source] == nil { geneTaxa[edge.source] = edge.target }
            default: break
            }
        }
        let geneMentions = subgraph.edges.filter { $0.kind == .mentions && $0.targetKind == .gene }
        for mention in geneMentions {
            guard let taxon = geneTaxa[mention.target] else { continue }
            rows[taxon, default: 0] += CXOrganismChoice.rowCount(mention)
        }
        let curatedWithGenes = rows.filter { curated.contains($0.key) }
        taxon =
            (curatedWithGenes.isEmpty ? rows : curatedWithGenes).max { lhs, rhs in
                if lhs.value != rhs.value { return lhs.value < rhs.value }
                // Equal rows: the lower id is the greater, so max picks it.
                return GraphBuilder.numericOrder(rhs.key.local, lhs.key.local)
            }?.key
        uncurated = taxon != nil && curatedWithGenes.isEmpty
        if let taxon { name = CXOrganismChoice.name(of: taxon, in: subgraph) }
        for mention in geneMentions {
            switch geneTaxa[mention.target] {
            case nil: genesWithoutTaxon += 1
            case let gene? where gene != taxon: otherTaxonGenes += 1
            default: break
            }
        }
    }

    /// The name of organism `taxon` (its node's name in `subgraph`, which the builder always
    /// adds for a gene's taxon).
    static func name(of taxon: Identifier, in subgraph: FigureSubgraph) -> String {
        subgraph.nodes.first { $0.kind == .organism && $0.id == taxon }?.name ?? "NCBITaxon:\(taxon.local)"
    }

    /// The number of input rows behind a MENTIONS edge: its evidence rows (at least 1).
    static func rowCount(_ mention: GraphEdge) -> Int {
        max(mention.evidence.count, 1)
    }
}
