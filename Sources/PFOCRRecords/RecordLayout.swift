/// Where a record's entity rows come from. Decided per record, never per corpus.
public enum RecordLayout: String, Sendable, Hashable, Codable {
    /// Layout A (2020-2022): `genes`, `chemicals`, `diseases` lists inside the front matter.
    /// Any of the three keys present, even empty, selects it; side files are then ignored.
    case inline
    /// Layout B (2023+): entity rows in `_data/<figid>-{genes,chemicals,diseases}.tsv`.
    case sideFiles = "side-files"
}
