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
struct TripleWriter: ~Copyable {
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
    /// The bytes written since the last flush, staged for the array it spills into: the
    /// fragment's bytes, held from ``exchangeBytes(_:)`` on, or the writer's own, copied into
    /// the fragment at each flush.
    private var out = ByteBuffer(spillingAt: TripleWriter.stagedBytes)
    /// The current subject, spelled.
    private var subject = ByteBuffer()
    /// Where the previous triple's predicate is spelled (Turtle joins equal spellings, which
    /// share one buffer).
    private var previousPredicate: UnsafePointer<UInt8>?
    private var blockTriples = 0
    private let isTurtle: Bool
    /// One node spelled ahead (``spellFigure(_:)``): the figure, object of every mention's
    /// `pfocr:inFigure`. Spelling its long IRI anew for each mention cost more than the rest of
    /// that triple.
    private var figure = ByteBuffer()

    /// How many bytes a writer stages before it appends them to its array: under the 4 KiB
    /// from which glibc's `memcpy` moves bytes one at a time (`rep movsb`).
    static let stagedBytes = 3 * 1024

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
        figure.removeAll()
        namer.appendNode(id, to: &figure)
    }

    /// Opens a block for node `id`, closing the previous one.
    mutating func subject(node id: Identifier) {
        endSubject()
        subject.removeAll()
        namer.appendNode(id, to: &subject)
    }

    /// Opens a block for a subject spelled alike in every syntax (a full `<IRI>`).
    mutating func subject(spelled: UnsafeBufferPointer<UInt8>) {
        endSubject()
        subject.removeAll()
        subject.append(spelled)
    }

    /// Closes the current block (Turtle: ` .` and a blank line).
    @inline(__always)
    mutating func endSubject() {
        if blockTriples > 0 && isTurtle { out.append(" .\n\n") }
        blockTriples = 0
    }

    /// True when the open block has a triple (its subject is written).
    var blockHasTriples: Bool { blockTriples > 0 }

    /// Starts a triple with predicate `id`; the caller appends the object next.
    @inline(__always)
    private mutating func predicate(_ id: Int) {
        if isTurtle {
            let key = words[id].baseAddress
            if blockTriples == 0 {
                out.append(subject)
                out.append(predicates[id])
            } else if key == previousPredicate {
                out.append(", ")
            } else {
                out.append(continuations[id])
            }
            previousPredicate = key
        } else {
            out.append(subject)
            out.append(predicates[id])
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
        /// An object spelled alike in every syntax (a full `<IRI>`), valid for the call.
        case spelled(UnsafeBufferPointer<UInt8>)
        /// The full IRI `open` (`<` and an encoded base) followed by `segment` encoded as an
        /// IRI path segment (the WikiPathways cross-references).
        case iri(open: UnsafeBufferPointer<UInt8>, segment: String)
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
            out.append(words[id])
        case .node(let id):
            namer.appendNode(id, to: &out)
        case .figure:
            out.append(figure)
        case .spelled(let bytes):
            out.append(bytes)
        case .iri(let open, let segment):
            out.append(open)
            withUTF8Bytes(of: segment) { bytes in
                if IRIEncoding.isPlainSegment(bytes) {
                    out.append(bytes)
                } else {
                    withUTF8Bytes(of: IRIEncoding.encodeSegment(segment)) { out.append($0) }
                }
            }
            out.append(UInt8(ascii: ">"))
        case .link(let iri):
            namer.appendIRI(iri, to: &out)
        case .string(let text):
            RDFText.appendString(text, to: &out)
        case .typed(let lexical, let datatype):
            RDFText.appendString(lexical, to: &out)
            out.append("^^")
            out.append(words[datatype])
        case .integer(let number, let datatype):
            out.append(UInt8(ascii: "\""))
            out.append(decimal: number)
            out.append("\"^^")
            out.append(words[datatype])
        }
        if !isTurtle { out.append(" .\n") }
    }

    /// ``triple(_:_:)`` with the object `<iri>` (percent-encoded as ``RDFText/appendIRI(_:to:)``
    /// does), for void.ttl.
    mutating func triple(_ predicate: Int, iri: String) {
        RDFText.iri(iri).withUnsafeBufferPointer { triple(predicate, .spelled($0)) }
    }

    /// ``subject(spelled:)`` of `<iri>`, for void.ttl.
    mutating func subject(iri: String) {
        RDFText.iri(iri).withUnsafeBufferPointer { subject(spelled: $0) }
    }

    /// Moves the bytes written since the last flush into `fragment` as one segment of this
    /// writer's file, written when `condition` holds and adding `tally` to the sink's counts.
    /// The block state stays: a block may go on in the next segment (a gene's taxon).
    mutating func flush(into fragment: inout FigureFragment, when condition: EmitCondition, tally: SIMD4<Int>) {
        out.drain(into: &fragment.bytes)
        fragment.endSegment(file: file, when: condition, tally: tally)
    }

    /// Exchanges the array the writer spills into with `bytes` (after spilling what it
    /// staged), so a writer can append straight to a fragment's bytes instead of copying its
    /// own into them.
    mutating func exchangeBytes(_ bytes: inout [UInt8]) {
        out.spill()
        out.exchangeSpilled(&bytes)
    }

    /// Every byte written (for a writer used on its own, `void.ttl`).
    mutating func takeBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        out.drain(into: &bytes)
        return bytes
    }
}
