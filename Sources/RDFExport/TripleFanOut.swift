import PFOCRGraph

/// The triple events of one walk over a figure, fed to every selected serializer: one
/// ``TripleWriter`` per RDF file (Turtle, N-Triples or both, so at most two). The walk decides
/// what is said; each writer only how it is spelled. Each event goes to `first` and, when two
/// files are written, to `second` (with one file `second` is a writer that is never used: an
/// optional writer cost a call to read its tag for every event).
///
/// It also counts what the sink reports, per segment: tally lane 0 triples, lane 1 mention
/// resources, lane 2 evidence rows. The counts ride on the first writer's segments only, so
/// each triple is counted once however many files it is written to.
///
/// The first writer appends straight to the fragment's bytes (it holds them from
/// ``init(_:_:writingInto:)`` to ``finish(into:)``); the second appends to its own buffer,
/// copied into the fragment at each ``flush(into:when:)``.
struct TripleFanOut: ~Copyable {
    private var first: TripleWriter
    private var second: TripleWriter
    private let fansOut: Bool
    /// Counts since the last ``flush(into:when:)``.
    var tally = SIMD4<Int>.zero

    /// Fans out to a writer for `first` (file 0) and one for `second` (file 1); takes
    /// `fragment`'s bytes until ``finish(into:)``.
    init(_ first: RDFSpelling, _ second: RDFSpelling?, writingInto fragment: inout FigureFragment) {
        self.first = TripleWriter(spelling: first, file: 0)
        self.second = TripleWriter(spelling: second ?? first, file: 1)
        fansOut = second != nil
        self.first.exchangeBytes(&fragment.bytes)
    }

    /// Spells the figure `id` once in every writer (``TripleWriter/spellFigure(_:)``).
    mutating func spellFigure(_ id: Identifier) {
        first.spellFigure(id)
        if fansOut { second.spellFigure(id) }
    }

    mutating func subject(node id: Identifier) {
        first.subject(node: id)
        if fansOut { second.subject(node: id) }
    }

    mutating func subject(spelled: UnsafeBufferPointer<UInt8>) {
        first.subject(spelled: spelled)
        if fansOut { second.subject(spelled: spelled) }
    }

    mutating func endSubject() {
        first.endSubject()
        if fansOut { second.endSubject() }
    }

    /// True when the open block has a triple (the same in every writer).
    var blockHasTriples: Bool { first.blockHasTriples }

    mutating func triple(_ predicate: Int, _ object: TripleWriter.Object) {
        tally[0] += 1
        first.triple(predicate, object)
        if fansOut { second.triple(predicate, object) }
    }

    /// Ends a segment in every writer's file, written when `condition` holds.
    mutating func flush(into fragment: inout FigureFragment, when condition: EmitCondition) {
        first.exchangeBytes(&fragment.bytes)
        fragment.endSegment(file: first.file, when: condition, tally: tally)
        if fansOut { second.flush(into: &fragment, when: condition, tally: .zero) }
        first.exchangeBytes(&fragment.bytes)
        tally = .zero
    }

    /// Gives `fragment` its bytes back; call after the last ``flush(into:when:)``.
    mutating func finish(into fragment: inout FigureFragment) {
        first.exchangeBytes(&fragment.bytes)
    }
}
