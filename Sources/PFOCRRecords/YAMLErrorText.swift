import Yams

/// One-line text and line number for a Yams error, for the Mappings loader (the record reader
/// reads libyaml events itself and words its errors the same way: see ``YAMLEventStream``).
public enum YAMLErrorText {
    /// The line (1-based, within the YAML text) and message of `error`.
    public static func describe(_ error: YamlError) -> (line: Int, message: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark.line, prefix + problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return (1, problem)
        default:
            return (1, "\(error)")
        }
    }
}
