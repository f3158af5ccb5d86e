import PFOCRGraph

/// Gene sets in GMT (Gene Matrix Transposed), the format enrichment tools load (Enrichr,
/// clusterProfiler, GSEA, gseapy, PFOCRummage): one gene set per figure, per taxon, as
/// PFOCR's own GMT files, and one chemical set per figure. Docs/gmt.md describes the files.
public struct GMTFormat: GraphFormat {
    public init() {}

    /// The default of `--gmt-min-genes`, PFOCR's own: a figure with fewer than three genes
    /// makes no gene set.
    public static let defaultMinimum = 3
    /// `--gmt-min-genes`: the fewest distinct members a set needs to be written.
    public static let minimumOption = FormatOption(
        "gmt-min-genes", .integer(atLeast: 1), default: String(defaultMinimum), valueName: "n",
        help: "GMT: the fewest distinct genes (or chemicals) of a figure that make a set.")

    public var name: String { "gmt" }
    public var summary: String {
        "GMT gene sets: one per figure and taxon (NCBI Gene ids), and one chemical set per figure"
    }
    public var files: [String] { ["gmt/pfocr-genes-<Genus_species>.gmt", "gmt/pfocr-chemicals.gmt"] }
    public var options: [FormatOption] { [GMTFormat.minimumOption] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        GMTSink(context: context)
    }
}
