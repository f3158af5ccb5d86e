/// Reads a front matter's parse events straight into ``FieldValue``s, with no node tree: the
/// events of ``BlockScanner`` for the block style PFOCR's R emitter writes, else libyaml's.
///
/// It keeps the values of the ``FrontMatterKey``s only, and of those no deeper than the reader
/// looks: a scalar, the items of a list, the ``RowKey`` cells of an entity row. Everything else
/// is skipped by event depth, but every node is still checked as Yams and the old structure
/// check did, in the same order, so the diagnostics are the ones Yams gave:
/// - during the parse: libyaml's errors, an alias to an anchor not yet complete ("found
///   undefined alias"), duplicate keys when their mapping ends, a second document;
/// - noted for afterwards (``FrontMatterFields`` reports them in this order): a root that is
///   not a mapping, the first node in document order that carries an anchor or lies deeper
///   than the nesting limit, the first top-level key that is not a scalar.
///
/// Anchors are always rejected, but a duplicate key found through an alias wins over that,
/// as it did, so anchored nodes and keys that are collections are interned (``YAMLShapes``).
struct FrontMatterDecoder {
    let limits: ReadLimits
    /// Values of the ``FrontMatterKey``s.
    private(set) var values = FieldValues()
    private(set) var rootIsMapping = false
    /// The first anchored or too deep node.
    private(set) var structureProblem: YAMLProblem?
    /// The line of the first top-level key that is not a scalar.
    private(set) var firstComplexKeyLine: Int?

    private var frames: [Frame] = []
    private var keys = YAMLKeyStack()
    private var shapes = YAMLShapes()
    private var anchors: [String: Anchored] = [:]

    init(limits: ReadLimits) {
        self.limits = limits
    }

    /// What a collection's children are read into.
    private enum Capture {
        case none
        /// The root mapping: values of ``FrontMatterKey``s.
        case document
        /// The items of the sequence value of a ``FrontMatterKey``.
        case items(FrontMatterKey)
        /// The cells of an entity row.
        case row
    }

    /// An open collection.
    private struct Frame {
        let isMapping: Bool
        let line: Int
        /// Registered when the collection ends (Yams registered anchors on complete nodes).
        let anchor: String?
        /// This collection is a key of its parent mapping.
        let isKey: Bool
        /// Children's shape ids are collected (inside keys and anchored nodes).
        let recordsShape: Bool
        let tag: Int
        var shapeItems: [Int] = []
        /// For a mapping: its next child is a key.
        var awaitingKey = true
        var keys: YAMLKeyStack.Mapping
        var capture: Capture
        /// The ``FrontMatterKey`` or ``RowKey`` whose value comes next.
        var pendingField: FrontMatterKey?
        var pendingCell: RowKey?
        var items: [FieldValue] = []
        var cells = RowCells()
    }

    /// A complete anchored node, as an alias to it stands for it.
    private enum Anchored {
        case scalar(tag: Int, text: String, line: Int)
        case collection(shape: Int, line: Int)

        var line: Int {
            switch self {
            case .scalar(_, _, let line), .collection(_, let line): line
            }
        }
    }

    /// Where a node sits in its parent.
    private enum Role {
        case root
        case key
        case value
    }

    /// Reads the whole stream in `yaml`, with ``BlockScanner`` when `parsing` allows it and the
    /// scanner takes the text, else with libyaml.
    mutating func decode(_ yaml: UnsafeBufferPointer<UInt8>, parsing: FrontMatterParsing) throws(YAMLProblem) {
        if parsing == .scannerFirst {
            var scanner = BlockScanner(yaml, decoder: self)
            if scanner.scan() {
                self = scanner.decoder
                if let problem = scanner.problem { throw problem }
                return
            }
        }
        try decodeWithLibyaml(yaml)
    }

    /// Reads the whole stream in `yaml` with libyaml: one document (or none), as Yams'
    /// `singleRoot` did.
    private mutating func decodeWithLibyaml(_ yaml: UnsafeBufferPointer<UInt8>) throws(YAMLProblem) {
        var stream = YAMLEventStream(yaml)
        try stream.next()  // STREAM-START
        try stream.next()  // DOCUMENT-START, or STREAM-END: no document, no root
        guard stream.event.kind != .streamEnd else { return }
        repeat {
            try stream.next()
            try take(stream.event)
        } while isInsideRoot
        try stream.next()  // DOCUMENT-END
        try stream.next()
        let event = stream.event
        if event.kind != .streamEnd {
            throw YAMLProblem(
                line: event.line, message: "expected a single document in the stream but found another document")
        }
    }

    /// True while a collection of the document is open.
    var isInsideRoot: Bool { !frames.isEmpty }

    /// Reads one event of the document's root node.
    mutating func take(_ event: YAMLEvent) throws(YAMLProblem) {
        switch event.kind {
        case .scalar: scalar(event)
        case .sequenceStart: start(event, isMapping: false)
        case .mappingStart: start(event, isMapping: true)
        case .sequenceEnd, .mappingEnd: try end()
        case .alias: try alias(event)
        case .streamEnd, .other: break
        }
    }

    private var role: Role {
        // By index: `frames.last` would copy the frame, retaining its arrays and strings.
        let parent = frames.count - 1
        guard parent >= 0 else { return .root }
        return frames[parent].isMapping && frames[parent].awaitingKey ? .key : .value
    }

    /// Notes the first anchored or too deep node (the old structure check's order: a node's
    /// anchor before its depth, nodes in document order).
    ///
    /// Inlined with its first test: it runs for every event, and almost always there is
    /// nothing to note (no anchor, not too deep).
    @inline(__always)
    private mutating func check(anchored: Bool, line: Int) {
        guard anchored || frames.count > limits.maxNestingDepth else { return }
        noteStructureProblem(anchored: anchored, line: line)
    }

    private mutating func noteStructureProblem(anchored: Bool, line: Int) {
        guard structureProblem == nil else { return }
        if anchored {
            structureProblem = YAMLProblem(
                line: line, message: "YAML anchors and aliases are not allowed in PFOCR records")
        } else if frames.count > limits.maxNestingDepth {
            structureProblem = YAMLProblem(
                line: line, message: "YAML nesting deeper than \(limits.maxNestingDepth) levels")
        }
    }

    private mutating func scalar(_ event: YAMLEvent) {
        let line = event.line
        let anchor = event.anchor
        check(anchored: anchor != nil, line: line)
        let bytes = event.scalar
        let role = role
        guard role != .root else {
            if let anchor {
                anchors[anchor] = .scalar(
                    tag: shapes.tags.id(event.tag, fallback: YAMLShapes.Tags.str),
                    text: String(decoding: bytes, as: UTF8.self), line: line)
            }
            return
        }
        let parent = frames.count - 1
        let recordsShape = frames[parent].recordsShape
        // Tags matter only to key equality and shapes; most scalars have none.
        let tag = event.tag.map { shapes.tags.id($0, fallback: YAMLShapes.Tags.str) } ?? YAMLShapes.Tags.str
        if role == .key {
            let text = KeyText(bytes)
            keys.addScalar(text, tag: tag, line: line, to: &frames[parent].keys)
            switch frames[parent].capture {
            case .document: frames[parent].pendingField = FrontMatterKey.names.key(text)
            case .row: frames[parent].pendingCell = tag == YAMLShapes.Tags.str ? RowKey.names.key(text) : nil
            case .none, .items: break
            }
        } else if wantsScalar(parent) {
            deliver(FieldValue(line: line, content: .text(String(decoding: bytes, as: UTF8.self))), to: parent)
        }
        if recordsShape || anchor != nil {
            let text = String(decoding: bytes, as: UTF8.self)
            if recordsShape { frames[parent].shapeItems.append(shapes.id(.scalar(tag: tag, text: text))) }
            if let anchor { anchors[anchor] = .scalar(tag: tag, text: text, line: line) }
        }
        frames[parent].awaitingKey.toggle()
    }

    private mutating func alias(_ event: YAMLEvent) throws(YAMLProblem) {
        guard let name = event.anchor, let target = anchors[name] else {
            throw YAMLProblem(line: event.line, message: "found undefined alias")
        }
        // Yams put the anchored node itself here, with its anchor and its line.
        check(anchored: true, line: target.line)
        guard let parent = frames.indices.last else { return }
        let shape: Int
        switch target {
        case .scalar(let tag, let text, let line):
            shape = shapes.id(.scalar(tag: tag, text: text))
            if role == .key {
                var text = text
                text.withUTF8 { keys.addScalar(KeyText($0), tag: tag, line: line, to: &frames[parent].keys) }
            }
        case .collection(let id, let line):
            shape = id
            if role == .key { keys.addCollection(shape: id, line: line, to: &frames[parent].keys) }
        }
        // No value is kept: an alias always rejects the record.
        if role == .key {
            frames[parent].pendingField = nil
            frames[parent].pendingCell = nil
        }
        if frames[parent].recordsShape { frames[parent].shapeItems.append(shape) }
        frames[parent].awaitingKey.toggle()
    }

    private mutating func start(_ event: YAMLEvent, isMapping: Bool) {
        let line = event.line
        let anchor = event.anchor
        check(anchored: anchor != nil, line: line)
        let role = role
        let parentRecords = frames.isEmpty ? false : frames[frames.count - 1].recordsShape
        let recordsShape = parentRecords || role == .key || anchor != nil
        let tag =
            recordsShape
            ? shapes.tags.id(event.tag, fallback: isMapping ? YAMLShapes.Tags.map : YAMLShapes.Tags.seq) : 0
        var capture = Capture.none
        switch role {
        case .root:
            rootIsMapping = isMapping
            if isMapping { capture = .document }
            // Sized once for the document (PFOCR records nest four deep): grown from empty,
            // these moved a few times per record.
            frames.reserveCapacity(8)
            keys.reserve()
        case .key:
            if frames.count == 1, firstComplexKeyLine == nil { firstComplexKeyLine = line }
            frames[frames.count - 1].pendingField = nil
            frames[frames.count - 1].pendingCell = nil
        case .value:
            capture = childCapture(isMapping: isMapping, line: line)
        }
        frames.append(
            Frame(
                isMapping: isMapping, line: line, anchor: anchor, isKey: role == .key, recordsShape: recordsShape,
                tag: tag,
                keys: keys.open(), capture: capture))
    }

    /// What a collection in value position keeps; a value that keeps nothing of its insides
    /// (a nested list, a mapping that is not an entity row) is delivered now.
    private mutating func childCapture(isMapping: Bool, line: Int) -> Capture {
        let parent = frames.count - 1
        switch frames[parent].capture {
        case .document:
            guard let key = frames[parent].pendingField else { return .none }
            if !isMapping { return .items(key) }
        case .items(let key):
            if isMapping && key.isEntityList { return .row }
        case .row, .none:
            return .none
        }
        deliver(FieldValue(line: line, content: isMapping ? .mapping(nil) : .list([])), to: parent)
        return .none
    }

    private mutating func end() throws(YAMLProblem) {
        guard let frame = frames.popLast() else { return }
        if frame.isMapping {
            if frame.keys.hasDuplicate { throw keys.duplicates(in: frame.keys, shapes: shapes) }
            keys.close(frame.keys)
        }
        var shape = -1
        if frame.recordsShape {
            shape = shapes.id(
                frame.isMapping
                    ? .mapping(tag: frame.tag, items: frame.shapeItems)
                    : .sequence(tag: frame.tag, items: frame.shapeItems))
        }
        if let anchor = frame.anchor { anchors[anchor] = .collection(shape: shape, line: frame.line) }
        guard let parent = frames.indices.last else { return }
        if frame.isKey {
            keys.addCollection(shape: shape, line: frame.line, to: &frames[parent].keys)
        } else {
            switch frame.capture {
            case .items: deliver(FieldValue(line: frame.line, content: .list(frame.items)), to: parent)
            case .row: deliver(FieldValue(line: frame.line, content: .mapping(frame.cells)), to: parent)
            case .document, .none: break
            }
        }
        if frames[parent].recordsShape { frames[parent].shapeItems.append(shape) }
        frames[parent].awaitingKey.toggle()
    }

    /// True when the scalar value about to be read under `parent` is kept. Inlined: called from
    /// a mutating method, a call passed it a copy of the whole decoder (a `memcpy`) as `self`.
    @inline(__always)
    private func wantsScalar(_ parent: Int) -> Bool {
        switch frames[parent].capture {
        case .document: frames[parent].pendingField != nil
        case .items: true
        case .row: frames[parent].pendingCell != nil
        case .none: false
        }
    }

    /// Hands a complete value to the collection that keeps it. A repeated key (possible only
    /// with different tags, which Yams' top-level lookup ignored) keeps its last value.
    private mutating func deliver(_ value: consuming FieldValue, to parent: Int) {
        switch frames[parent].capture {
        case .document:
            if let key = frames[parent].pendingField { values.set(value, for: key) }
        case .items:
            frames[parent].items.append(value)
        case .row:
            if let cell = frames[parent].pendingCell, case .text(let text) = value.content {
                frames[parent].cells[cell] = text
            }
        case .none:
            break
        }
    }
}
