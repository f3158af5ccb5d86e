import PFOCRRecords

/// The `--organism`, `--figures`, `--year-from` and `--year-to` filters. A record passes when
/// it meets every filter given; records that do not are counted as excluded, not rejected.
public struct RecordFilter: Sendable {
    /// Organism names (any letter case) or NCBI Taxonomy ids; a record passes when one of its
    /// curated organisms, or the organism of one of its gene rows, matches.
    public var organisms: [String] = []
    /// Figids to keep; nil keeps all.
    public var figids: Set<String>?
    public var yearFrom: Int?
    public var yearTo: Int?
    /// With `organisms`: keep the genes of every taxon in the kept figures
    /// (`--keep-all-genes`); by default only the genes of the wanted organisms are kept.
    public var keepAllGenes = false

    public init(organisms: [String] = [], figids: Set<String>? = nil, yearFrom: Int? = nil, yearTo: Int? = nil, keepAllGenes: Bool = false) {
        self.organisms = organisms
        self.keepAllGenes = keepAllGenes
        self.figids = figids
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public var isEmpty: Bool { organisms.isEmpty && figids == nil && yearFrom == nil && yearTo == nil }

    /// The wanted organisms as NCBI Taxonomy ids (a name the table does not know stays as
    /// its lowercased text, matching the same unmapped curated name).
    func wantedTaxa(_ organismTable: OrganismTable) -> Set<String> {
        Set(organisms.map { organismTable.taxonID(for: $0) ?? $0.lowercased() })
    }

    /// The taxa whose genes the builder keeps (``GraphBuilder/geneTaxa``): the wanted
    /// organisms', or nil (every gene) without `organisms` or with ``keepAllGenes``.
    public func geneTaxa(mapping: Mapping) -> Set<String>? {
        organisms.isEmpty || keepAllGenes ? nil : wantedTaxa(mapping.organisms)
    }

    /// True when `record` passes, judged with `mapping`'s organism table and gene taxa
    /// (``Mapping/geneTaxon(of:)``).
    public func accepts(_ record: FigureRecord, mapping: Mapping) -> Bool {
        let organismTable = mapping.organisms
        if let figids, !figids.contains(record.figid) { return false }
        if let yearFrom {
            guard let year = record.year, year >= yearFrom else { return false }
        }
        if let yearTo {
            guard let year = record.year, year <= yearTo else { return false }
        }
        if !organisms.isEmpty {
            let wanted = wantedTaxa(organismTable)
            var has = Set<String>()
            for name in record.organisms {
                has.insert(organismTable.taxonID(for: name) ?? name.lowercased())
            }
            for gene in record.genes {
                if let taxon = mapping.geneTaxon(of: gene) { has.insert(taxon) }
            }
            if wanted.isDisjoint(with: has) { return false }
        }
        return true
    }
}
