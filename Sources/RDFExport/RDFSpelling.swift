/// One syntax's spelling of a table of terms (``RDFTerms``): the bytes of each id, spelled
/// once per export, and the node and link spellings of its ``RDFNamer``. Immutable and shared
/// by every writer of every worker.
final class RDFSpelling: Sendable {
    let namer: RDFNamer
    /// Per id: the term as this syntax writes it (`dcterms:title`, `<http://…>`, `a`); two
    /// ids spelled the same (two CURIEs for one IRI) share one buffer.
    let words: ByteTable

    var syntax: RDFSyntax { namer.syntax }

    init(namer: RDFNamer, words: [[UInt8]]) {
        self.namer = namer
        self.words = ByteTable(words)
    }
}
