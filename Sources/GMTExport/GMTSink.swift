import PFOCRGraph

/// Writes the GMT files: `gmt/pfocr-chemicals.gmt` (created at the start, so it is there even
/// when empty) and one `gmt/pfocr-genes-<Genus_species>.gmt` per taxon, created when the first
/// figure (in figid order) has a gene set of that taxon.
///
/// The lines are rendered on the worker threads (``GMTRenderer``); ``write(_:)`` appends
/// them in figid order, resolving each gene-set segment's organism node to its taxon's file.
final class GMTSink: GraphSink {
    let renderer: (any FigureRenderer)?
    private let context: SinkContext
    private let minimum: Int
    private var chemicals: OutputFile?
    /// Per taxon id: its file and the tallies of the lines written to it.
    private var taxonFiles: [String: (file: OutputFile, name: String, tally: SIMD4<Int>)] = [:]
    /// Taxon ids in the order their files were created (figid order of first use).
    private var taxonOrder: [String] = []
    private var usedNames: Set<String> = []
    private var chemicalTally = SIMD4<Int>.zero
    private var accountingTally = SIMD4<Int>.zero

    init(context: SinkContext) {
        self.context = context
        minimum = context.options.integer(GMTFormat.minimumOption) ?? GMTFormat.defaultMinimum
        renderer = GMTRenderer(prefixes: context.mapping.prefixes, minimum: minimum)
    }

    func begin() throws(ExportError) {
        chemicals = try context.output.createFile("gmt/pfocr-chemicals.gmt")
    }

    func write(_ figure: RenderedFigure) throws(ExportError) {
        let fragment = figure.fragment
        for segment in fragment.segments where segment.condition.holds(figure.news) {
            let target: OutputFile?
            switch segment.file {
            case GMTRenderer.chemicalsFile:
                chemicalTally &+= segment.tally
                target = chemicals
            case GMTRenderer.accountingFile:
                accountingTally &+= segment.tally
                target = nil
            default:
                let organism = figure.subgraph.nodes[segment.file - GMTRenderer.organismFileBase]
                target = try file(for: organism, adding: segment.tally)
            }
            guard let target, !segment.range.isEmpty else { continue }
            fragment.bytes.withUnsafeBufferPointer { all in
                target.write(UnsafeBufferPointer(rebasing: all[segment.range]))
            }
        }
    }

    /// The gene-set file of `organism`'s taxon, created on first use.
    private func file(for organism: GraphNode, adding tally: SIMD4<Int>) throws(ExportError) -> OutputFile {
        let taxon = organism.id.local
        if var entry = taxonFiles[taxon] {
            entry.tally &+= tally
            taxonFiles[taxon] = entry
            return entry.file
        }
        var name = GMTSink.fileName(organism.name, taxon: taxon)
        if usedNames.contains(name) { name += "-\(taxon)" }
        usedNames.insert(name)
        let file = try context.output.createFile("gmt/pfocr-genes-\(name).gmt")
        taxonFiles[taxon] = (file, name, tally)
        taxonOrder.append(taxon)
        return file
    }

    /// The organism's name as a file-name part, as PFOCR names its GMT files: `Homo_sapiens`.
    /// Letters, digits, `.` and `-` are kept, every other run of characters becomes one `_`;
    /// a name with nothing left is `NCBITaxon_<id>`.
    static func fileName(_ organism: String, taxon: String) -> String {
        var out = ""
        var pendingSeparator = false
        for scalar in organism.unicodeScalars {
            let plain =
                scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-")
            if plain {
                if pendingSeparator && !out.isEmpty { out += "_" }
                pendingSeparator = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSeparator = true
            }
        }
        while out.hasSuffix(".") { out.removeLast() }
        return out.isEmpty ? "NCBITaxon_\(taxon)" : out
    }

    func finish() throws(ExportError) -> SinkSummary {
        try chemicals?.close()
        var counts: [String: Int] = [
            "chemicalSets": chemicalTally[0],
            "chemicalSetMembers": chemicalTally[1],
            "minimumSetSize": minimum,
            "setsBelowMinimum": accountingTally[3],
            "genesWithoutTaxon": accountingTally[0],
        ]
        var geneSets = 0
        var cleaned = chemicalTally[2]
        for taxon in taxonOrder {
            guard let entry = taxonFiles[taxon] else { continue }
            try entry.file.close()
            counts["geneSets-\(entry.name)"] = entry.tally[0]
            geneSets += entry.tally[0]
            cleaned += entry.tally[2]
        }
        counts["geneSets"] = geneSets
        counts["cleanedLines"] = cleaned
        var notes: [String] = []
        if cleaned > 0 {
            notes.append("\(cleaned) GMT lines had tabs or line breaks in their figid or title, written as spaces")
        }
        return SinkSummary(counts: counts, notes: notes)
    }
}
