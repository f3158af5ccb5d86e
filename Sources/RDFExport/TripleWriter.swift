import PFOCRGraph

/// Appends triples to bytes in one syntax: the serializer behind each RDF file.
///
/// It is given triple events (subject, predicate id, object) and decides only how they are
/// spelled: terms through its ``RDFSpelling`` (prefixed names or full IRIs) and the
/// punctuation. Turtle writes the subject once and joins triples with `;` (new predicate) or
/// `,` (a predicate spelled as the previous triple's); N-Triples repeats subject and predicate
/// on every line. The subject is written lazily, so a subject with no triple writes nothing.
///
/// Usage: ``subject(node:)`` or ``subject(spelled:)`` opens a subject (closing the previous
/// one), ``triple(_:_:)`` writes one triple of it, ``endSubject()`` closes the block, and
/// ``flush(into:when:tally:)`` moves the bytes written so far into a fragment segment.
struct TripleWriter {
    /// Holds ``words`` alive.
    let spelling: RDFSpelling
    /// The spelling's words, read without reference counting.
    private let words: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
    /// The spelling's predicates and continuations (``RDFSpelling/predicates``), read alike.
    private let predicates: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
    private let continuations: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
    private let namer: RDFNamer
    /// The writer's file in the sink's numbering.
    let file: Int
    private var out: [UInt8] = []
    /// The current subject, spelled.
    private var subject: [UInt8] = []
    /// Where the previous triple's predicate is spelled (Turtle joins equal spellings, which
    /// share one buffer).
    private var previousPredicate: UnsafePointer<UInt8>?
    private var blockTriples = 0
    private let isTurtle: Bool
    /// One node spelled ahead (``spellFigure(_:)``): the figure, object of every mention's
    /// `pfocr:inFigure`. Spelling its long IRI anew for each mention cost more than the rest of
    /// that triple.
    private var figure: [UInt8] = []

    init(spelling: RDFSpelling, file: Int) {
        self.spelling = spelling
        words = spelling.words.entries
        predicates = spelling.predicates.entries
        continuations = spelling.continuations.entries
        namer = spelling.namer
        self.file = file
        isTurtle = spelling.syntax == .turtle
    }

    /// Spells node `id` once, for the objects ``Object/figure``.
    mutating func spellFigure(_ id: Identifier) {
        figure.removeAll(keepingCapacity: true)
        namer.appendNode(id, to: &figure)
    }

    /// Opens a block for node `id`, closing the previous one.
    mutating func subject(node id: Identifier) {
        endSubject()
        subject.removeAll(keepingCapacity: true)
        namer.appendNode(id, to: &subject)
    }

    /// Opens a block for a subject spelled alike in every syntax (a full `<IRI>`).
    mutating func subject(spelled: [UInt8]) {
        endSubject()
        subject.removeAll(keepingCapacity: true)
        subject.append(borrowing: spelled)
    }

    /// Closes the current block (Turtle: ` .` and a blank line).
    mutating func endSubject() {
        if blockTriples > 0 && isTurtle { out.append(" .\n\n") }
        blockTriples = 0
    }

    /// True when the open block has a triple (its subject is written).
    var blockHasTriples: Bool { blockTriples > 0 }

    /// Starts a triple with predicate `id`; the caller appends the object next.
    private mutating func predicate(_ id: Int) {
        if isTurtle {
            let key = words[id].baseAddress
            if blockTriples == 0 {
                out.append(borrowing: subject)
                out.append(contentsOf: predicates[id])
            } else if key == previousPredicate {
                out.append(", ")
            } else {
                out.append(contentsOf: continuations[id])
            }
            previousPredicate = key
        } else {
            out.append(borrowing: subject)
            out.append(contentsOf: predicates[id])
        }
        blockTriples += 1
    }

    /// The object of a triple, spelled by the writer.
    enum Object {
        /// A term of the table (a class).
        case term(Int)
        case node(Identifier)
        /// The node given to ``spellFigure(_:)``, as ``node(_:)`` would spell it.
        case figure
        /// An object spelled alike in every syntax (a full `<IRI>`).
        case spelled([UInt8])
        /// The full IRI `open` (`<` and an encoded base) followed by `segment` encoded as an
        /// IRI path segment (the WikiPathways cross-references).
        case iri(open: [UInt8], segment: String)
        /// An absolute IRI, compacted in Turtle when a declared prefix covers it.
        case link(String)
        /// A plain string literal.
        case string(String)
        /// A typed literal with datatype `datatype` (an id of the table).
        case typed(String, datatype: Int)
        /// ``typed(_:datatype:)`` of `String(number)`, written without making the string
        /// (every mention's `pfocr:evidenceCount`); its digits and sign need no escape.
        case integer(Int, datatype: Int)
    }

    /// Writes one triple of the current subject.
    mutating func triple(_ predicate: Int, _ object: Object) {
        self.predicate(predicate)
        switch object {
        case .term(let id):
            out.append(contentsOf: words[id])
        case .node(let id):
            namer.appendNode(id, to: &out)
        case .figure:
            out.append(borrowing: figure)
        case .spelled(let bytes):
            out.append(borrowing: bytes)
        case .iri(let open, let segment):
            out.append(borrowing: open)
            IRIEncoding.appendSegment(segment, to: &out)
            out.append(UInt8(ascii: ">"))
        case .link(let iri):
            namer.appendIRI(iri, to: &out)
        case .string(let text):
            RDFText.appendString(text, to: &out)
        case .typed(let lexical, let datatype):
            RDFText.appendString(lexical, to: &out)
            out.append("^^")
            out.append(contentsOf: words[datatype])
        case .integer(let number, let datatype):
            out.append(UInt8(ascii: "\""))
            out.append(decimal: number)
            out.append("\"^^")
            out.append(contentsOf: words[datatype])
        }
        if !isTurtle { out.append(" .\n") }
    }

    /// Moves the bytes written since the last flush into `fragment` as one segment of this
    /// writer's file, written when `condition` holds and adding `tally` to the sink's counts.
    /// The block state stays: a block may go on in the next segment (a gene's taxon).
    mutating func flush(into fragment: inout FigureFragment, when condition: EmitCondition, tally: SIMD4<Int>) {
        fragment.bytes.append(contentsOf: out)
        out.removeAll(keepingCapacity: true)
        fragment.endSegment(file: file, when: condition, tally: tally)
    }

    /// Exchanges the writer's buffer with `bytes`, so a writer can append straight to a
    /// fragment's bytes instead of copying its own into them.
    mutating func exchangeBytes(_ bytes: inout [UInt8]) {
        swap(&out, &bytes)
    }

    /// Every byte written (for a writer used on its own, `void.ttl`).
    var bytes: [UInt8] { out }
}
