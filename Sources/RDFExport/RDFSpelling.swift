/// One syntax's spelling of a table of terms (``RDFTerms``): the bytes of each id, spelled
/// once per export, and the node and link spellings of its ``RDFNamer``. Immutable and shared
/// by every writer of every worker.
final class RDFSpelling: Sendable {
    let namer: RDFNamer
    /// Per id: the term as this syntax writes it (`dcterms:title`, `<http://…>`, `a`); two
    /// ids spelled the same (two CURIEs for one IRI) share one buffer.
    let words: ByteTable
    /// Per id: the word between spaces (` dcterms:title `), what follows the subject when the
    /// word is a triple's predicate; and, for Turtle, the word as a new predicate of the same
    /// subject (` ;\n    dcterms:title `). Spelled once so a predicate costs one copy instead
    /// of three or four: the writers append a predicate for every triple, and each append of a
    /// few bytes costs far more than the bytes.
    let predicates: ByteTable
    let continuations: ByteTable

    var syntax: RDFSyntax { namer.syntax }

    init(namer: RDFNamer, words: [[UInt8]]) {
        self.namer = namer
        self.words = ByteTable(words)
        let space = UInt8(ascii: " ")
        predicates = ByteTable(words.map { [space] + $0 + [space] })
        continuations = ByteTable(words.map { Array(" ;\n    ".utf8) + $0 + [space] })
    }
}
