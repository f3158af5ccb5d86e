import PFOCRGraph

/// The two CX versions the sink writes.
enum CXDialect: Sendable {
    /// The format family of both dialects (one sink builds each network once).
    static let family = "cx"
    /// The format options the CX sink reads.
    static let options = [CXOptions.scope]

    /// CX2 (`.cx2`), NDEx 3 and Cytoscape Web.
    case cx2
    /// CX1 (`.cx`), NDEx 2 and Cytoscape 3 desktop.
    case cx1

    /// The format name on the command line and in report.json.
    var formatName: String {
        switch self {
        case .cx2: "cx2"
        case .cx1: "cx"
        }
    }

    /// The dialect of the format named `formatName`.
    init?(formatName: String) {
        switch formatName {
        case CXDialect.cx2.formatName: self = .cx2
        case CXDialect.cx1.formatName: self = .cx1
        default: return nil
        }
    }

    /// The file extension, also the folder of per-figure files.
    var fileExtension: String {
        switch self {
        case .cx2: "cx2"
        case .cx1: "cx"
        }
    }

    /// The per-figure file of `figid`, relative to the output folder.
    func figurePath(_ figid: String) -> String {
        "\(fileExtension)/\(CXFileName.stem(figid)).\(fileExtension)"
    }

    /// The corpus network's file (`--cx-scope corpus`).
    var corpusPath: String { "pfocr.\(fileExtension)" }
}

/// The options both CX formats declare.
public enum CXOptions {
    /// `--cx-scope`: one network per figure, or one for the whole selection (``CXScope``).
    public static let scope = FormatOption(
        "cx-scope", .oneOf(CXScope.allCases.map(\.rawValue)), default: CXScope.figure.rawValue, valueName: "scope",
        help: "CX networks: one per figure, or one for the whole selection (corpus).")
}
