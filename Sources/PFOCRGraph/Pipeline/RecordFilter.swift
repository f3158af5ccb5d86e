import PFOCRRecords

/// The `--organism`, `--figures`, `--year-from` and `--year-to` filters. A record passes when
/// it meets every filter given; records that do not are counted as excluded, not rejected.
public struct RecordFilter: Sendable {
    /// Organism names (any letter case), common names (``commonNames``) or NCBI Taxonomy ids
    /// (`10090`, `NCBITaxon:10090`); a record passes when one of its curated organisms, or the
    /// organism of one of its gene rows, matches.
    public var organisms: [String] = []
    /// Figids to keep; nil keeps all.
    public var figids: Set<String>?
    /// The file `figids` came from (`--figures`), for messages and report.json.
    public var figuresFile: String?
    public var yearFrom: Int?
    public var yearTo: Int?
    /// With `organisms`: keep the genes of every taxon in the kept figures
    /// (`--keep-all-genes`); by default only the genes of the wanted organisms are kept.
    public var keepAllGenes = false

    public init(
        organisms: [String] = [], figids: Set<String>? = nil, yearFrom: Int? = nil, yearTo: Int? = nil,
        keepAllGenes: Bool = false
    ) {
        self.organisms = organisms
        self.keepAllGenes = keepAllGenes
        self.figids = figids
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    public var isEmpty: Bool { organisms.isEmpty && figids == nil && yearFrom == nil && yearTo == nil }

    /// The common names `--organism` accepts besides the names of Mappings/organisms.tsv.
    /// They live here, not in organisms.tsv, because they are for the user's filter only: a
    /// record's curated `organisms: [mouse]` stays unmapped, as PFOCR never spells it so.
    public static let commonNames: [String: String] = [
        "human": "9606", "mouse": "10090", "rat": "10116", "fly": "7227",
        "zebrafish": "7955", "yeast": "4932", "worm": "6239",
    ]

    /// The taxon id `name` stands for: a common name, a name of the organism table, or a taxon
    /// id (bare or as `NCBITaxon:`/`taxon:` CURIE); nil when it is none of these.
    public static func taxonID(of name: String, organismTable: OrganismTable) -> String? {
        let trimmed = name.trimmingCharacters(in: " \t")
        if let taxon = commonNames[trimmed.lowercased()] ?? organismTable.taxonID(for: trimmed) { return taxon }
        var digits = Substring(trimmed)
        for prefix in ["NCBITaxon:", "ncbitaxon:", "taxon:"] where digits.hasPrefix(prefix) {
            digits = digits.dropFirst(prefix.count)
        }
        return IdentifierSyntax.numeric(String(digits)) != nil ? String(digits) : nil
    }

    /// The key a record organism or filter value is compared by: its taxon id when known,
    /// else its lowercased name.
    static func key(_ name: String, organismTable: OrganismTable) -> String {
        taxonID(of: name, organismTable: organismTable) ?? name.lowercased()
    }

    /// The figid a `--figures` line names: a figid, `figid.md`, or a path to a record file.
    public static func figid(listed line: String) -> String {
        var name = Substring(line.trimmingCharacters(in: " \t"))
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if name.hasSuffix(".md") { name = name.dropLast(3) }
        return String(name)
    }

    /// The wanted organisms as NCBI Taxonomy ids (``key(_:organismTable:)``: a name nothing
    /// maps stays as its lowercased text, matching the same unmapped curated name).
    func wantedTaxa(_ organismTable: OrganismTable) -> Set<String> {
        Set(organisms.map { RecordFilter.key($0, organismTable: organismTable) })
    }

    /// The taxa whose genes the builder keeps (``GraphBuilder/geneTaxa``): the wanted
    /// organisms', or nil (every gene) without `organisms` or with ``keepAllGenes``.
    public func geneTaxa(mapping: Mapping) -> Set<String>? {
        organisms.isEmpty || keepAllGenes ? nil : wantedTaxa(mapping.organisms)
    }

    /// True when `record` passes, judged with `mapping`'s organism table and gene taxa
    /// (``Mapping/geneTaxon(of:)``).
    public func accepts(_ record: FigureRecord, mapping: Mapping) -> Bool {
        if let figids, !figids.contains(record.figid) { return false }
        if let yearFrom {
            guard let year = record.year, year >= yearFrom else { return false }
        }
        if let yearTo {
            guard let year = record.year, year <= yearTo else { return false }
        }
        if !organisms.isEmpty {
            if wantedTaxa(mapping.organisms).isDisjoint(with: RecordFilter.organismKeys(of: record, mapping: mapping)) {
                return false
            }
        }
        return true
    }

    /// The organism keys of `record`: its curated organisms and its genes' taxa (the rows' own,
    /// or their lexicon's: ``Mapping/geneTaxon(of:)``).
    static func organismKeys(of record: FigureRecord, mapping: Mapping) -> Set<String> {
        var keys = Set(record.organisms.map { RecordFilter.key($0, organismTable: mapping.organisms) })
        for gene in record.genes {
            if let taxon = mapping.geneTaxon(of: gene) { keys.insert(taxon) }
        }
        return keys
    }

    /// The filters as report.json records them.
    var reported: ExportReport.Filters {
        ExportReport.Filters(
            organisms: organisms.isEmpty ? nil : organisms, figuresFile: figuresFile,
            figuresListed: figids?.count, yearFrom: yearFrom, yearTo: yearTo)
    }

    /// The message of a run whose filters left no record: which filters, and what the records
    /// hold instead, so the user can correct the filter.
    func emptySelectionMessage(_ census: SelectionCensus, organismTable: OrganismTable) -> String {
        var parts: [String] = []
        var hints: [String] = []
        if !organisms.isEmpty {
            parts.append(organisms.map { "--organism '\($0)'" }.joined(separator: " or "))
            for name in organisms where RecordFilter.taxonID(of: name, organismTable: organismTable) == nil {
                hints.append(
                    "'\(name)' is no organism name of Mappings/organisms.tsv, no common name (\(RecordFilter.commonNames.keys.sorted().joined(separator: ", "))) and no NCBI Taxonomy id"
                )
            }
            let seen = census.organisms.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            if seen.isEmpty {
                hints.append("the records name no organism")
            } else {
                let listed = seen.prefix(10).map { entry in
                    let name = organismTable.name(for: entry.key)
                    return (name.map { "\($0) (\(entry.key))" } ?? entry.key) + ": \(entry.value)"
                }
                hints.append(
                    "known organisms (figures): " + listed.joined(separator: ", ") + (seen.count > 10 ? ", …" : ""))
                if let top = seen.first {
                    hints.append(
                        organismTable.name(for: top.key).map { "try '\($0)' or \(top.key)" } ?? "try '\(top.key)'")
                }
            }
        }
        if yearFrom != nil || yearTo != nil {
            if let yearFrom { parts.append("--year-from \(yearFrom)") }
            if let yearTo { parts.append("--year-to \(yearTo)") }
            if let first = census.firstYear, let last = census.lastYear {
                hints.append("the records are from \(first) to \(last)")
            } else {
                hints.append("no record has a year")
            }
        }
        if let figids {
            parts.append("--figures \(figuresFile ?? "list")")
            hints.append("none of its \(figids.count) figids is a record's figid")
        }
        return "no figure matched " + parts.joined(separator: " and ") + "; " + hints.joined(separator: "; ")
    }
}

/// What the records read hold, whether or not a filter kept them: for the message of an empty
/// selection and the figids `--figures` names that were not found.
struct SelectionCensus {
    /// Figures per organism key (taxon id, or lowercased unmapped name).
    var organisms: [String: Int] = [:]
    var firstYear: Int?
    var lastYear: Int?
    /// The figids of every record read (also rejected duplicates and excluded records).
    var figids = Set<String>()

    mutating func add(figid: String, organisms: Set<String>, year: Int?) {
        figids.insert(figid)
        for key in organisms { self.organisms[key, default: 0] += 1 }
        if let year {
            firstYear = min(firstYear ?? year, year)
            lastYear = max(lastYear ?? year, year)
        }
    }
}
