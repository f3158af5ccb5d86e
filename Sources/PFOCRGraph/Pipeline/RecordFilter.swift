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

    public init(organisms: [String] = [], figids: Set<String>? = nil, yearFrom: Int? = nil, yearTo: Int? = nil) {
        self.organisms = organisms
        self.figids = figids
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public var isEmpty: Bool { organisms.isEmpty && figids == nil && yearFrom == nil && yearTo == nil }

    /// True when `record` passes, judged with `mapping`'s organism table.
    public func accepts(_ record: FigureRecord, organismTable: OrganismTable) -> Bool {
        if let figids, !figids.contains(record.figid) { return false }
        if let yearFrom {
            guard let year = record.year, year >= yearFrom else { return false }
        }
        if let yearTo {
            guard let year = record.year, year <= yearTo else { return false }
        }
        if !organisms.isEmpty {
            let wanted = Set(organisms.map { organismTable.taxonID(for: $0) ?? $0.lowercased() })
            var has = Set<String>()
            for name in record.organisms {
                has.insert(organismTable.taxonID(for: name) ?? name.lowercased())
            }
            for gene in record.genes {
                if let taxon = gene.taxonID { has.insert(taxon) }
            }
            if wanted.isDisjoint(with: has) { return false }
        }
        return true
    }
}
