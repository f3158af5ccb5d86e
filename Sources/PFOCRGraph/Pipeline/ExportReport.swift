import Foundation
import PFOCRRecords

/// `report.json`: what an export read, wrote, rejected, ignored, and how long it took.
///
/// Everything but `elapsedSeconds` and `recordsPerSecond` is a function of the inputs and
/// options, but the file is not part of the byte-identical guarantee (it records timing and
/// the job count). Counts of kinds that did not occur are left out. The schema is described
/// in Docs/report.md.
public struct ExportReport: Sendable, Codable {
    public struct Tool: Sendable, Codable {
        public var name = "pfocr-kg"
        public var version: String
    }

    public struct Records: Sendable, Codable {
        /// Record files found by the corpus.
        public var found = 0
        /// Records turned into subgraphs and handed to the sinks.
        public var exported = 0
        /// Records rejected as a whole (broken YAML, no figid, duplicate figid, ...).
        public var rejected = 0
        /// Records left out by `--organism`, `--figures`, `--year-from`, `--year-to`.
        public var excludedByFilter = 0
        public var layoutInline = 0
        public var layoutSideFiles = 0
    }

    public struct RejectedRecord: Sendable, Codable {
        public var file: String
        public var line: Int
        public var reason: String
    }

    /// The conservation count of one entity kind:
    /// `read = exported + unidentified + rejectedTotal + excluded + orphaned`.
    public struct RowBalance: Sendable, Codable {
        /// Rows in the input: list items and side-file data lines (of read records, and the
        /// side-file rows of rejected records).
        public var read = 0
        /// Rows that became evidence on a MENTIONS edge.
        public var exported = 0
        /// Rows with no identifier, kept on their figure as text.
        public var unidentified = 0
        /// Rows rejected, by reason.
        public var rejected: [String: Int] = [:]
        public var rejectedTotal = 0
        /// Rows left out by a filter: the rows of records it left out, and gene rows of other
        /// taxa that `--organism` drops (without `--keep-all-genes`).
        public var excluded = 0
        /// `excluded` by reason (``excludedRecord``, or the builder's gene-selection reasons).
        public var excludedByReason: [String: Int] = [:]
        /// Rows of side files that belong to no record (``ExportReport/orphanSideFiles``).
        public var orphaned = 0
        /// True when the equation holds.
        public var balanced = true

        /// The reason for the rows of a record a filter left out.
        public static let excludedRecord = "record left out by a filter"
    }

    /// Side files not read: those of a layout A record (``ExportReport/ignoredSideFiles``) or
    /// of no record at all (``ExportReport/orphanSideFiles``).
    public struct IgnoredSideFiles: Sendable, Codable {
        public var files = 0
        /// Files per entity kind.
        public var filesByKind: [String: Int] = [:]
        /// Rows in them, per entity kind (not part of the conservation count: the record's
        /// inline lists are what was read).
        public var rows: [String: Int] = [:]
        public var paths: [String] = []
    }

    public struct Diagnostics: Sendable, Codable {
        public var errors = 0
        public var warnings = 0
    }

    public struct FileEntry: Sendable, Codable {
        public var path: String
        public var bytes: Int
        /// Hex SHA-256 of the file's bytes (`pfocr-kg verify` re-checks it).
        public var sha256: String
    }

    /// How the run was asked for: enough to repeat it and to know what it read.
    public struct Invocation: Sendable, Codable {
        /// The command line after the program name.
        public var arguments: [String]
        /// Every option with its value in effect (defaults included), by long name.
        public var options: [String: String]
        /// The record filters (absent ones left out).
        public var filters: Filters
        public var mappings: Mappings
    }

    public struct Filters: Sendable, Codable {
        public var organisms: [String]?
        /// The `--figures` file and how many figids it lists.
        public var figuresFile: String?
        public var figuresListed: Int?
        public var yearFrom: Int?
        public var yearTo: Int?
    }

    /// The Mappings used: the `--mappings` folder (nil: the bundled copy) and each file read,
    /// with where it came from and its SHA-256.
    public struct Mappings: Sendable, Codable {
        public var folder: String?
        public var files: [MappingFile]
    }

    /// Folders of more than ``ExportDriver/listedFilesPerFolder`` files (per-figure CX files)
    /// are summarised here instead of listed in ``files``, so the report stays small; their
    /// files' checksums are in `checksums`, a `sha256sum -c` file listed in ``files``.
    public struct FolderEntry: Sendable, Codable {
        public var path: String
        public var files: Int
        public var bytes: Int
        public var checksums: String
    }

    public var tool: Tool
    public var inputs: [String]
    public var formats: [String]
    public var prefixSet: String
    public var jobs: Int
    public var strict: Bool
    public var records = Records()
    public var rejectedRecords: [RejectedRecord] = []
    /// Distinct nodes per kind, and edges per kind (IN_TAXON counted once per gene).
    public var nodes: [String: Int] = [:]
    public var edges: [String: Int] = [:]
    /// (figure, entity) pairs per entity node kind: the MENTIONS edges by target.
    public var mentionPairs: [String: Int] = [:]
    /// Rows per entity kind (`gene`, `chemical`, `disease`).
    public var rows: [String: RowBalance] = [:]
    public var ignoredSideFiles = IgnoredSideFiles()
    /// Side files in a `_data/` folder whose figid names no record of the inputs.
    public var orphanSideFiles = IgnoredSideFiles()
    /// Curated organism names with no taxon in Mappings, with how many figures use each.
    public var unmappedOrganisms: [String: Int] = [:]
    /// Gene rows exported on a gene with no taxon (no `organism_id`, and a lexicon
    /// `Mappings/gene-lexicons.tsv` gives no taxon for).
    public var genesWithoutTaxon = 0
    /// Mentions without an identifier, per kind (the same as `rows.*.unidentified`).
    public var unidentifiedMentions: [String: Int] = [:]
    public var diagnostics = Diagnostics()
    /// Per format: what its sink reported.
    public var sinks: [String: SinkSummary] = [:]
    public var files: [FileEntry] = []
    public var folders: [FolderEntry] = []
    /// Files of the earlier export in the output folder that this run removed.
    public var removedFiles: [String] = []
    public var invocation: Invocation?
    /// Wall time in seconds, to the millisecond.
    public var elapsedSeconds: Double = 0
    /// Records read per second of wall time, rounded.
    public var recordsPerSecond = 0

    public init(version: String, inputs: [String], formats: [String], prefixSet: String, jobs: Int, strict: Bool) {
        tool = Tool(version: version)
        self.inputs = inputs
        self.formats = formats
        self.prefixSet = prefixSet
        self.jobs = jobs
        self.strict = strict
    }
}

extension ExportReport {
    /// Sets `elapsedSeconds` (to the millisecond) and `recordsPerSecond` (whole records).
    mutating func setElapsed(since start: Date) {
        let seconds = Date().timeIntervalSince(start)
        elapsedSeconds = (seconds * 1000).rounded() / 1000
        recordsPerSecond = seconds > 0 ? Int((Double(records.found) / seconds).rounded()) : 0
    }

    /// Leaves out the kinds that did not occur (nodes, edges, pairs, rows), so
    /// the report lists what the export holds.
    mutating func dropZeroCounts() {
        nodes = nodes.filter { $0.value != 0 }
        edges = edges.filter { $0.value != 0 }
        mentionPairs = mentionPairs.filter { $0.value != 0 }
        unidentifiedMentions = unidentifiedMentions.filter { $0.value != 0 }
        rows = rows.filter { $0.value.read != 0 }
    }
}
