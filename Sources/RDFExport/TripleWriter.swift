/// Appends triples to a reused text buffer, in Turtle or N-Triples, and counts them.
///
/// Usage: ``subject(_:)`` opens a subject; ``predicate(_:)`` starts a triple and the caller
/// appends the object to ``out`` (or uses a helper such as ``iri(_:_:)``), then
/// ``objectDone()``; ``endSubject()`` closes the block. Turtle writes the subject once and
/// joins triples with `;` (new predicate) or `,` (same predicate as the previous triple);
/// N-Triples repeats subject and predicate on every line. The subject is written lazily, so
/// a subject with no triple writes nothing.
struct TripleWriter {
    let syntax: RDFSyntax
    /// The text written so far; the sink hands it to the file and clears it per figure.
    var out = String()
    /// Triples written since the writer was made.
    private(set) var triples = 0
    private var currentSubject = ""
    private var currentPredicate = ""
    private var inBlock = false
    private var blockTriples = 0

    init(syntax: RDFSyntax) {
        self.syntax = syntax
        out.reserveCapacity(1 << 16)
    }

    /// Opens a block for `subject` (already spelled for the syntax), closing the previous one.
    mutating func subject(_ subject: String) {
        endSubject()
        currentSubject = subject
        inBlock = true
        blockTriples = 0
    }

    /// Starts a triple with `predicate` (spelled); the caller appends the object next.
    mutating func predicate(_ predicate: String) {
        triples += 1
        switch syntax {
        case .turtle:
            if blockTriples == 0 {
                out.append(currentSubject)
                out.append(" ")
                out.append(predicate)
                out.append(" ")
            } else if predicate == currentPredicate {
                out.append(", ")
            } else {
                out.append(" ;\n    ")
                out.append(predicate)
                out.append(" ")
            }
            currentPredicate = predicate
        case .nTriples:
            out.append(currentSubject)
            out.append(" ")
            out.append(predicate)
            out.append(" ")
        }
        blockTriples += 1
    }

    /// Ends the triple whose object was just appended.
    mutating func objectDone() {
        if syntax == .nTriples { out.append(" .\n") }
    }

    /// Closes the current block (Turtle: ` .` and a blank line).
    mutating func endSubject() {
        if inBlock && blockTriples > 0 && syntax == .turtle { out.append(" .\n\n") }
        inBlock = false
        blockTriples = 0
    }

    /// A triple whose object is already spelled (an IRI term, a class).
    mutating func term(_ predicate: String, _ object: String) {
        self.predicate(predicate)
        out.append(object)
        objectDone()
    }

    /// A triple with a plain string literal.
    mutating func string(_ predicate: String, _ text: String) {
        self.predicate(predicate)
        RDFText.appendString(text, to: &out)
        objectDone()
    }

    /// A triple with a typed literal; `datatype` is spelled for the syntax.
    mutating func typed(_ predicate: String, _ lexical: String, _ datatype: String) {
        self.predicate(predicate)
        RDFText.appendString(lexical, to: &out)
        out.append("^^")
        out.append(datatype)
        objectDone()
    }
}
