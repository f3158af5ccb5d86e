import PFOCRRecords

/// Turns one ``FigureRecord`` into its ``FigureSubgraph``: a pure function of the record and
/// the ``Mapping``, so it runs on all cores at once.
///
/// Identity rules (Docs/architecture.md, "Where each rule lives"; README, "The graph"):
/// - gene: NCBI Gene id; chemical: MeSH id, else ChEBI id; disease: MeSH id, else DOID;
///   organism: NCBI Taxonomy id; paper: PMC id; figure: figid.
/// - One MENTIONS edge per (figure, entity) carries every evidence row, in input order.
/// - A row with no identifier gets no node: its word stays on the figure
///   (`unidentifiedGenes`, ...) and is counted.
/// - Every gene gets the taxon ``Mapping/geneTaxon(of:)`` gives its rows (IN_TAXON); a gene
///   it gives none is counted (`genesWithoutTaxon`).
public struct GraphBuilder: Sendable {
    public let mapping: Mapping
    /// The taxa whose genes are kept (`--organism` without `--keep-all-genes`); nil keeps
    /// every gene. A gene row of another taxon, or of none, is left out and counted with its
    /// reason (``excludedOtherTaxon``, ``excludedNoTaxon``).
    public let geneTaxa: Set<String>?

    /// Reasons a gene row is left out by ``geneTaxa``, as report.json counts them.
    public static let excludedOtherTaxon = "gene of another taxon (--organism)"
    public static let excludedNoTaxon = "gene of no known taxon (--organism)"

    public init(mapping: Mapping, geneTaxa: Set<String>? = nil) {
        self.mapping = mapping
        self.geneTaxa = geneTaxa
        rules = ActiveRules(mapping.vocabulary)
    }

    /// The schema's rules for the properties the vocabulary keeps.
    private let rules: ActiveRules

    /// The record's subgraph.
    public func build(_ record: FigureRecord) -> FigureSubgraph {
        var accounting = FigureAccounting()
        return build(record, accounting: &accounting)
    }

    /// The record's subgraph; `accounting` gets what became of each row, for the report.
    public func build(_ record: FigureRecord, accounting: inout FigureAccounting) -> FigureSubgraph {
        accounting = FigureAccounting()
        accounting.rows = record.rows
        accounting.ignoredSideFiles = record.ignoredSideFiles
        accounting.layout = record.layout

        let figureID = Identifier(.figure, record.figid)
        // Nodes and edges go straight into the subgraph's arrays, in their final order
        // (paper, organisms, entities, gene taxa; PART_OF, ABOUT, MENTIONS, IN_TAXON), sized
        // once from the row counts: no per-kind arrays copied over at the end.
        let entityRows = record.genes.count + record.chemicals.count + record.diseases.count
        var nodes: [GraphNode] = []
        nodes.reserveCapacity(1 + record.organisms.count + entityRows)
        var edges: [GraphEdge] = []
        edges.reserveCapacity(1 + record.organisms.count + entityRows + record.genes.count)
        func link(_ kind: EdgeKind, to node: GraphNode, properties: [Property] = []) {
            edges.append(
                GraphEdge(
                    kind: kind, source: figureID, sourceKind: .figure, target: node.id, targetKind: node.kind,
                    properties: properties))
        }

        if let paper = paperNode(record) {
            nodes.append(paper)
            link(.partOf, to: paper)
        }

        var aboutTaxa = Set<String>()
        for name in record.organisms {
            guard let taxon = mapping.organisms.taxonID(for: name) else {
                accounting.unmappedOrganisms.append(name)
                continue
            }
            guard aboutTaxa.insert(taxon).inserted else { continue }
            let organism = organismNode(taxon: taxon, fallbackName: name)
            nodes.append(organism)
            link(.about, to: organism)
        }

        // Each gene with a taxon: its node's index and the taxon. Its IN_TAXON edge comes after
        // every MENTIONS edge, so it is made at the end, straight into `edges`.
        var taxonOfGene: [(node: Int, taxon: String)] = []
        // At most one per gene row: sized once instead of growing through a figure's genes.
        taxonOfGene.reserveCapacity(record.genes.count)
        var unidentifiedGenes: [String] = []

        // Genes: the identified rows sorted by id (numeric order), each id's rows in input
        // order. Sorting row indices groups them without copying rows into per-id arrays.
        var keyed: [GeneRowKey] = []
        keyed.reserveCapacity(record.genes.count)
        // False once an id is not 1 to 18 digits (only in records made in code): the keys'
        // `order` then says nothing, and the rows are sorted and grouped by their id texts.
        var allDigits = true
        for row in record.genes.indices {
            guard let id = record.genes[row].ncbiGeneID else {
                unidentifiedGenes.append(record.genes[row].word)
                continue
            }
            if let geneTaxa {
                guard let taxon = mapping.geneTaxon(of: record.genes[row]) else {
                    accounting.excludedGeneRows[GraphBuilder.excludedNoTaxon, default: 0] += 1
                    continue
                }
                guard geneTaxa.contains(taxon) else {
                    accounting.excludedGeneRows[GraphBuilder.excludedOtherTaxon, default: 0] += 1
                    continue
                }
            }
            let order = GeneRowKey.order(of: id)
            if order == nil { allDigits = false }
            keyed.append(GeneRowKey(order: order ?? 0, row: row))
        }
        if allDigits {
            keyed.sort()
        } else {
            keyed.sort { lhs, rhs in
                let left = record.genes[lhs.row].ncbiGeneID ?? ""
                let right = record.genes[rhs.row].ncbiGeneID ?? ""
                return left != right ? GraphBuilder.numericOrder(left, right) : lhs.row < rhs.row
            }
        }
        var taxonNodes: [String: GraphNode] = [:]
        // The taxon of the previous gene: a figure's genes are mostly of one taxon, so this
        // skips looking it up for most genes.
        var lastTaxon: String?
        // The taxa of `taxonNodes` while there are at most `fewTaxa`: a figure's genes have
        // one to five taxa, interleaved in gene order, and comparing a short id with a few
        // others costs less than hashing it. Past that, `taxonNodes` alone is asked (a figure
        // of many taxa costs no more than before).
        let fewTaxa = 8
        var madeTaxa: [String] = []
        var groupStart = 0
        while groupStart < keyed.count {
            // Every keyed row has an id (rows without one were left out above).
            let id = record.genes[keyed[groupStart].row].ncbiGeneID ?? ""
            var groupEnd = groupStart + 1
            while groupEnd < keyed.count
                && (allDigits
                    ? keyed[groupEnd].order == keyed[groupStart].order
                    : record.genes[keyed[groupEnd].row].ncbiGeneID == id)
            {
                groupEnd += 1
            }
            let group = keyed[groupStart..<groupEnd]
            groupStart = groupEnd
            // The record's rows are read in place: copying a row retains its seven strings.
            func evidenceRow(_ row: Int) -> MentionEvidence {
                MentionEvidence(
                    word: record.genes[row].word, matchedTerm: record.genes[row].matchedTerm,
                    source: record.genes[row].source)
            }
            var evidence: [MentionEvidence]
            if group.count == 1 {
                // Most genes have one row: an array literal is allocated at its size at once,
                // where `reserveCapacity` on an empty array took the general regrowth path.
                evidence = [evidenceRow(group[group.startIndex].row)]
            } else {
                evidence = []
                evidence.reserveCapacity(group.count)
                for key in group { evidence.append(evidenceRow(key.row)) }
            }
            // The gene's taxon is its first row's that has one (rows kept by `geneTaxa` all
            // have one); asked again here rather than kept per row, as most genes have one row.
            var taxon: String?
            var symbol: String?
            for key in group {
                if taxon == nil { taxon = mapping.geneTaxon(of: record.genes[key.row]) }
                if symbol == nil { symbol = record.genes[key.row].symbol }
            }
            let properties = rules.gene.properties(of: GeneFacts(id: id, symbol: symbol))
            let gene = GraphNode(kind: .gene, id: Identifier(.ncbigene, id), name: symbol ?? id, properties: properties)
            edges.append(mention(figureID, gene, evidence))
            if let taxon {
                if taxon != lastTaxon,
                    taxonNodes.count < fewTaxa ? !madeTaxa.contains(taxon) : taxonNodes[taxon] == nil
                {
                    // The first organism name among the gene's rows names a taxon the mapping
                    // does not.
                    var fallbackName: String?
                    for key in group where fallbackName == nil { fallbackName = record.genes[key.row].organismName }
                    taxonNodes[taxon] = organismNode(taxon: taxon, fallbackName: fallbackName)
                    if madeTaxa.count < fewTaxa { madeTaxa.append(taxon) }
                }
                lastTaxon = taxon
                taxonOfGene.append((nodes.count, taxon))
            } else {
                accounting.genesWithoutTaxon += group.count
            }
            nodes.append(gene)
        }
        // Sized for every kind at once: filled key by key, the counts' dictionaries grew twice.
        accounting.exported.reserveCapacity(EntityKind.allCases.count)
        accounting.unidentified.reserveCapacity(EntityKind.allCases.count)
        accounting.exported[.gene] = keyed.count

        // Chemicals and diseases.
        var unidentified: [EntityKind: [String]] = [:]
        if !unidentifiedGenes.isEmpty { unidentified[.gene] = unidentifiedGenes }
        for kind in [EntityKind.chemical, .disease] {
            let rows = kind == .chemical ? record.chemicals : record.diseases
            var groups: [Identifier: [TermMention]] = [:]
            for row in rows {
                guard let id = termIdentifier(row, kind: kind) else {
                    unidentified[kind, default: []].append(row.word)
                    continue
                }
                groups[id, default: []].append(row)
            }
            for id in groups.keys.sorted() {
                guard let group = groups[id] else { continue }
                let node = termNode(id, kind: kind, rows: group)
                nodes.append(node)
                edges.append(
                    mention(
                        figureID, node,
                        group.map { MentionEvidence(word: $0.word, matchedTerm: $0.matchedTerm, source: $0.source) }))
            }
            accounting.exported[kind] = groups.values.reduce(0) { $0 + $1.count }
        }
        for kind in EntityKind.allCases {
            accounting.unidentified[kind] = unidentified[kind]?.count ?? 0
        }

        if !taxonNodes.isEmpty {
            let aboutIDs = Set(aboutTaxa.map { Identifier(.ncbitaxon, $0) })
            nodes.append(
                contentsOf: taxonNodes.keys.sorted(by: GraphBuilder.numericOrder).compactMap { taxonNodes[$0] }.filter {
                    !aboutIDs.contains($0.id)
                })
        }
        for (node, taxon) in taxonOfGene {
            edges.append(
                GraphEdge(
                    kind: .inTaxon, source: nodes[node].id, sourceKind: .gene, target: Identifier(.ncbitaxon, taxon),
                    targetKind: .organism))
        }

        let figure = figureNode(record, unmapped: accounting.unmappedOrganisms, unidentified: unidentified)
        return FigureSubgraph(figure: figure, nodes: nodes, edges: edges)
    }

    // MARK: Nodes

    private func figureNode(_ record: FigureRecord, unmapped: [String], unidentified: [EntityKind: [String]])
        -> GraphNode
    {
        let facts = FigureFacts(
            record: record, unmappedOrganisms: unmapped, unidentified: unidentified, prefixes: mapping.prefixes)
        let properties = rules.figure.properties(of: facts)
        return GraphNode(
            kind: .figure, id: Identifier(.figure, record.figid), name: record.title ?? record.figid,
            properties: properties)
    }

    private func paperNode(_ record: FigureRecord) -> GraphNode? {
        guard let pmcid = record.pmcid else { return nil }
        let facts = FigureFacts(record: record, unmappedOrganisms: [], unidentified: [:], prefixes: mapping.prefixes)
        let properties = rules.paper.properties(of: facts)
        return GraphNode(
            kind: .paper, id: Identifier(.pmc, pmcid), name: record.paperTitle ?? pmcid, properties: properties)
    }

    private func organismNode(taxon: String, fallbackName: String?) -> GraphNode {
        let name = mapping.organisms.name(for: taxon) ?? fallbackName ?? "NCBITaxon:\(taxon)"
        let properties = rules.organism.properties(of: taxon)
        return GraphNode(kind: .organism, id: Identifier(.ncbitaxon, taxon), name: name, properties: properties)
    }

    private func termIdentifier(_ row: TermMention, kind: EntityKind) -> Identifier? {
        if let mesh = row.meshID { return Identifier(.mesh, mesh) }
        if let other = row.ontologyID { return Identifier(kind == .chemical ? .chebi : .doid, other) }
        return nil
    }

    private func termNode(_ id: Identifier, kind: EntityKind, rows: [TermMention]) -> GraphNode {
        let properties = (kind == .chemical ? rules.chemical : rules.disease).properties(
            of: EntityFacts(kind: kind, rows: rows))
        let name =
            rows.lazy.compactMap(\.name).first ?? rows.lazy.compactMap(\.matchedTerm).first
            ?? rows.lazy.map(\.word).first(where: { !$0.isEmpty }) ?? id.local
        return GraphNode(kind: NodeKind(kind), id: id, name: name, properties: properties)
    }

    private func mention(_ figure: Identifier, _ node: GraphNode, _ evidence: [MentionEvidence]) -> GraphEdge {
        GraphEdge(
            kind: .mentions, source: figure, sourceKind: .figure, target: node.id, targetKind: node.kind,
            evidence: evidence)
    }

    /// Shorter numeric ids first, then lexical: `2` < `10` < `207`. The order of gene ids
    /// (and taxon ids) in every output.
    public static func numericOrder(_ lhs: String, _ rhs: String) -> Bool {
        (lhs.utf8.count, lhs) < (rhs.utf8.count, rhs)
    }

    /// True for the bytes ``safeLink(_:)`` may have to change: those it percent-encodes, and
    /// every non-ASCII byte (kept or encoded depending on the character).
    static func mayNeedEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F...: true
        default: false
        }
    }

    /// A link from the input made safe as an IRI: characters an IRI cannot hold are
    /// percent-encoded, everything else (including `/`, `?`, `#`) is kept.
    static func safeLink(_ link: String) -> String {
        // Almost every link is plain ASCII with nothing to escape: keep it as it is. Its bytes
        // are read in place: iterating the UTF-8 view steps its index through the string's
        // representation at each byte (some forty instructions a byte).
        let plain =
            link.utf8.withContiguousStorageIfAvailable { !$0.contains(where: GraphBuilder.mayNeedEscape) }
            ?? !link.utf8.contains(where: GraphBuilder.mayNeedEscape)
        if plain { return link }
        var out = String()
        for scalar in link.unicodeScalars {
            switch scalar.value {
            case 0...0x20, 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D, 0x7F:
                for byte in String(scalar).utf8 { Hex.appendPercentEscaped(byte, to: &out) }
            default:
                if scalar.isASCII || IRIEncoding.isUCSChar(scalar.value) {
                    out.unicodeScalars.append(scalar)
                } else {
                    for byte in String(scalar).utf8 { Hex.appendPercentEscaped(byte, to: &out) }
                }
            }
        }
        return out
    }
}

/// A gene row's place in the builder's sort: by gene id in ``GraphBuilder/numericOrder(_:_:)``,
/// then by row.
///
/// NCBI Gene ids are one to 18 ASCII digits (``IdentifierSyntax/numeric(_:)``), for which
/// (length, text) order is (length, value) order; ``order(of:)`` folds that pair into one
/// integer, so the sort moves and compares two integers (no string retained, no optional
/// unwrapped). The builder sorts ids that are not digits (a record made in code) by their
/// texts instead.
struct GeneRowKey: Comparable {
    /// ``order(of:)`` of the row's id (0 when it has none; then unused).
    let order: UInt64
    let row: Int

    /// An integer whose order is (length, value) order among texts of 1 to 18 ASCII digits,
    /// equal for equal texts only; nil for any other text.
    ///
    /// The texts of length `n` take the `10^n` integers after those of every shorter length:
    /// value plus `10 + 100 + ... + 10^(n-1)`, that is `(10^n - 10) / 9`. Leading zeros count
    /// toward the length, as in the text order (`7` < `10` < `007`). The largest, for 18
    /// digits, is under 1.2e18, within `UInt64`.
    static func order(of id: String) -> UInt64? {
        // One pass over the bytes in place that checks and converts.
        id.utf8.withContiguousStorageIfAvailable(order(digits:)) ?? order(digits: Array(id.utf8))
    }

    private static func order(digits bytes: some Collection<UInt8>) -> UInt64? {
        guard bytes.count >= 1, bytes.count <= 18 else { return nil }
        var value: UInt64 = 0
        var power: UInt64 = 1
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
            power &*= 10
        }
        return value &+ (power &- 10) / 9
    }

    static func < (lhs: GeneRowKey, rhs: GeneRowKey) -> Bool {
        lhs.order != rhs.order ? lhs.order < rhs.order : lhs.row < rhs.row
    }
}
