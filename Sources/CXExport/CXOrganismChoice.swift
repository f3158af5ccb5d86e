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
    /// The taxon of each gene of the figure (its first IN_TAXON edge).
    var geneTaxa = CXGeneTaxa()

    /// Gene nodes left out, for any reason.
    var leftOut: Int { otherTaxonGenes + genesWithoutTaxon }

    /// True when the network keeps the gene `id`.
    func keeps(gene id: Identifier) -> Bool {
        var cursor = 0
        return keeps(gene: id, cursor: &cursor)
    }

    /// ``keeps(gene:)`` for genes asked in subgraph order: `cursor` (start at 0) carries the
    /// search over from one gene to the next, so the walk costs one comparison per gene.
    func keeps(gene id: Identifier, cursor: inout Int) -> Bool {
        guard let taxon else { return false }
        return geneTaxa.taxon(of: id, cursor: &cursor) == taxon
    }

    /// The choice for `subgraph`, its genes counted.
    ///
    /// One pass over the edges and one over the gene mentions, read in place (no filtered
    /// copy of the edges), with the taxa in small arrays: a figure has a handful of taxa, and
    /// its genes come in the same order as their IN_TAXON edges, so no gene id is hashed
    /// (hashing them was most of this type's cost).
    init(_ subgraph: FigureSubgraph) {
        let edges = subgraph.edges
        var curated: [Identifier] = []
        for index in edges.indices {
            switch edges[index].kind {
            case .about where edges[index].targetKind == .organism:
                if !curated.contains(edges[index].target) { curated.append(edges[index].target) }
            case .inTaxon where edges[index].sourceKind == .gene:
                geneTaxa.add(gene: edges[index].source, taxon: edges[index].target)
            default: break
            }
        }
        // Per taxon with genes, in first-seen order: its rows and its gene mentions.
        var counts: [(taxon: Identifier, rows: Int, genes: Int)] = []
        var cursor = 0
        for index in edges.indices where edges[index].kind == .mentions && edges[index].targetKind == .gene {
            guard let taxon = geneTaxa.taxon(of: edges[index].target, cursor: &cursor) else {
                genesWithoutTaxon += 1
                continue
            }
            let rows = CXOrganismChoice.rowCount(edges[index])
            if let slot = counts.firstIndex(where: { $0.taxon == taxon }) {
                counts[slot].rows += rows
                counts[slot].genes += 1
            } else {
                counts.append((taxon, rows, 1))
            }
        }
        let curatedWithGenes = counts.filter { curated.contains($0.taxon) }
        // Rows decide, then the lower id: a strict order on distinct taxa, so the winner does
        // not depend on the order the taxa were met in.
        let best = (curatedWithGenes.isEmpty ? counts : curatedWithGenes).max { lhs, rhs in
            if lhs.rows != rhs.rows { return lhs.rows < rhs.rows }
            // Equal rows: the lower id is the greater, so max picks it.
            return GraphBuilder.numericOrder(rhs.taxon.local, lhs.taxon.local)
        }
        taxon = best?.taxon
        uncurated = taxon != nil && curatedWithGenes.isEmpty
        if let best { name = CXOrganismChoice.name(of: best.taxon, in: subgraph) }
        otherTaxonGenes = counts.reduce(0) { $0 + $1.genes } - (best?.genes ?? 0)
    }

    /// The name of organism `taxon` (its node's name in `subgraph`, which the builder always
    /// adds for a gene's taxon).
    static func name(of taxon: Identifier, in subgraph: FigureSubgraph) -> String {
        let nodes = subgraph.nodes
        for index in nodes.indices where nodes[index].kind == .organism && nodes[index].id == taxon {
            return nodes[index].name
        }
        return "NCBITaxon:\(taxon.local)"
    }

    /// The number of input rows behind a MENTIONS edge: its evidence rows (at least 1).
    static func rowCount(_ mention: GraphEdge) -> Int {
        max(mention.evidence.count, 1)
    }
}

/// The taxon of each gene of a figure: the target of the gene's first IN_TAXON edge, as a
/// dictionary from gene to taxon would hold it, but kept as a list in edge order.
///
/// The graph builder gives each gene at most one IN_TAXON edge, in gene order, and lists the
/// gene mentions in the same order; a search that starts where the previous one ended (a
/// cursor) then finds each gene at once, where hashing the ids cost a few thousand
/// instructions per gene. Any other order still finds the right taxon, by searching on round
/// the list.
struct CXGeneTaxa: Equatable {
    struct Entry: Equatable {
        var gene: Identifier
        var taxon: Identifier
    }

    /// One entry per gene (its first IN_TAXON edge), in edge order.
    private(set) var entries: [Entry] = []
    /// True while every entry's gene precedes the next one's (``precedes(_:_:)``).
    private var inGeneOrder = true

    /// Records `taxon` for `gene` unless the gene has one already (the first edge wins).
    mutating func add(gene: Identifier, taxon: Identifier) {
        // In builder order each gene follows every earlier one, so the scan for an earlier
        // entry is only for subgraphs ordered otherwise.
        // The last entry's gene is read in place (a copy of the entry would retain both ids).
        if inGeneOrder, !entries.isEmpty, CXGeneTaxa.precedes(entries[entries.count - 1].gene, gene) {
            entries.append(Entry(gene: gene, taxon: taxon))
            return
        }
        guard !entries.contains(where: { $0.gene == gene }) else { return }
        if !entries.isEmpty { inGeneOrder = false }
        entries.append(Entry(gene: gene, taxon: taxon))
    }

    /// The taxon of `gene`; nil when it has none. The search starts at `cursor` and goes round
    /// the list; `cursor` moves past the entry found.
    func taxon(of gene: Identifier, cursor: inout Int) -> Identifier? {
        let count = entries.count
        guard count > 0 else { return nil }
        if cursor >= count { cursor = 0 }
        for step in 0..<count {
            var index = cursor + step
            if index >= count { index -= count }
            if entries[index].gene == gene {
                cursor = index + 1
                return entries[index].taxon
            }
        }
        return nil
    }

    /// The taxon of `gene`; nil when it has none.
    subscript(gene: Identifier) -> Identifier? {
        var cursor = 0
        return taxon(of: gene, cursor: &cursor)
    }

    /// True when `lhs` comes strictly before `rhs` in the builder's gene order (namespace,
    /// then numeric order of the local ids): then `rhs` cannot be an earlier entry's gene.
    static func precedes(_ lhs: Identifier, _ rhs: Identifier) -> Bool {
        guard lhs.namespace == rhs.namespace else { return false }
        return GraphBuilder.numericOrder(lhs.local, rhs.local)
    }
}
