import PFOCRGraph

/// `--cx-scope`: one network per figure (the default) or one network for the whole export.
enum CXScope: String {
    case figure
    case corpus

    /// The scope named by the sink options (`cx-scope`); absent means `figure`.
    init(options: [String: String]) throws(ExportError) {
        guard let name = options["cx-scope"] else {
            self = .figure
            return
        }
        guard let scope = CXScope(rawValue: name) else {
            throw ExportError.usage("--cx-scope must be 'figure' or 'corpus', not '\(name)'")
        }
        self = scope
    }
}
