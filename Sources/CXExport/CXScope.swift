/// `--cx-scope` (``CXOptions/scope``): one network per figure (the default) or one
/// network for the whole export.
enum CXScope: String, CaseIterable {
    case figure
    case corpus
}
