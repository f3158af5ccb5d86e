import PFOCRGraph

/// Gene sets in GMT (Gene Matrix Transposed), the format enrichment tools load (Enrichr,
/// clusterProfiler, GSEA, gseapy, PFOCRummage): one gene set per figure, per taxon, as
/// PFOCR's own GMT files, and one chemical set per figure. Docs/gmt.md describes the files.
public struct GMTFormat: GraphFormat {
    public init() {}

    /// The `--gmt-min-genes` option: the fewest distinct members a set needs to be written.
    public static let minimumOption = "gmt-min-genes"
    /// Its default, PFOCR's own: a figure with fewer than three genes makes no gene set.
    public static let defaultMinimum = 3

    public var name: String { "gmt" }
    public var summary: String { "GMT gene sets: one per figure and taxon (NCBI Gene ids), and one chemical set per figure" }
    public var files: [String] { ["gmt/pfocr-genes-<Genus_species>.gmt", "gmt/pfocr-chemicals.gmt"] }
    public var optionNames: [String] { [GMTFormat.minimumOption] }

    public func makeSink(context: SinkContext, formats: [String]) throws(ExportError) -> any GraphSink {
        GMTSink(context: context)
    }
}
