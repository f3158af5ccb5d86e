#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed set of YAML key names matched against scalar bytes (``FrontMatterKey``, ``RowKey``).
protocol YAMLKeyName: CaseIterable, Sendable {
    /// The key as written in YAML (ASCII).
    var name: String { get }
}

/// Finds a key by the bytes and ``KeyText/hash`` of a scalar, without a `String` and without
/// hashing again: an open-addressed table indexed by the low bits of the hash.
///
/// Byte equality is the right test even though Yams compared keys as Swift strings (canonical
/// equivalence): no name here contains `K`, `;` or `` ` ``, the only ASCII characters that
/// another character (U+212A, U+037E, U+1FEF) is canonically equivalent to.
struct YAMLKeyNames<Key: Sendable>: Sendable {
    /// Per slot: the key, and where its name is in `names`; nil for an empty slot. Plain
    /// values, not each name's own array: reading a slot then retained and released that
    /// array, and compared it element by element.
    private let slots: [(key: Key, start: Int, count: Int)?]
    /// The names' bytes, one after another.
    private let names: [UInt8]
    private let mask: Int

    /// The table of `keys`, each with its name as written in YAML (ASCII, no two alike).
    init(_ keys: [(key: Key, name: String)]) {
        var size = 16
        while size < keys.count * 4 { size *= 2 }
        var slots = [(key: Key, start: Int, count: Int)?](repeating: nil, count: size)
        var names: [UInt8] = []
        for (key, name) in keys {
            let bytes = Array(name.utf8)
            var slot = bytes.withUnsafeBufferPointer { Int(truncatingIfNeeded: KeyText($0).hash) } & (size - 1)
            while slots[slot] != nil { slot = (slot + 1) & (size - 1) }
            slots[slot] = (key, names.count, bytes.count)
            names += bytes
        }
        self.slots = slots
        self.names = names
        self.mask = size - 1
    }

    func key(_ text: KeyText) -> Key? {
        var slot = Int(truncatingIfNeeded: text.hash) & mask
        while let entry = slots[slot] {
            if entry.count == text.bytes.count, matches(entry.start, text.bytes) { return entry.key }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// True when the name at `start` has the bytes of `bytes` (whose count it has).
    private func matches(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        names.withUnsafeBufferPointer { names in
            guard let name = names.baseAddress, let other = bytes.baseAddress else { return bytes.isEmpty }
            return memcmp(name + start, other, bytes.count) == 0
        }
    }
}

extension YAMLKeyNames where Key: YAMLKeyName {
    /// The table of every case of `Key`.
    init() { self.init(Key.allCases.map { ($0, $0.name) }) }
}

/// The bytes of a scalar key with what key comparisons need: an FNV-1a hash and whether it is
/// all ASCII (when it is not, equality needs Swift's `String` comparison).
struct KeyText {
    let bytes: UnsafeBufferPointer<UInt8>
    let hash: UInt64
    let isASCII: Bool

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            high |= byte
        }
        self.bytes = bytes
        self.hash = hash
        self.isASCII = high < 0x80
    }
}

/// The duplicate-key test of the composer Yams had: two keys of one mapping are duplicates when
/// they are equal nodes, that is of the same kind and resolved tag, scalars with equal text as
/// Swift strings (canonical equivalence), collections with equal items in order. An alias
/// stands for the node it names.
///
/// Scalar keys (all of PFOCR's) are compared by bytes and hash when both are ASCII, as strings
/// otherwise; collection keys by their interned ``YAMLShapes`` id. The keys of every open
/// mapping are kept on one stack, their bytes in one arena, and popped when the mapping ends.
/// A mapping with more than ``linearLimit`` keys switches to a hash set so that a hostile
/// mapping of many keys costs linear time.
struct YAMLKeyStack {
    struct Entry {
        /// The key's line (the anchored node's line for an alias).
        var line: Int
        /// Resolved tag id (``YAMLShapes/Tags``) of a scalar key; -1 for a collection key.
        var tag: Int
        /// Shape id of a collection key; -1 for a scalar key.
        var shape: Int
        var start: Int
        var count: Int
        var hash: UInt64
        var isASCII: Bool
    }

    /// A key as a hashable value with Yams' equality.
    enum Identity: Hashable {
        case scalar(tag: Int, text: String)
        case collection(shape: Int)
    }

    /// One open mapping's keys: where they start on the stack, and the set of a large one.
    struct Mapping {
        fileprivate var start: Int
        fileprivate var bytesStart: Int
        fileprivate var large: Set<Identity>?
        /// True once a key equal to an earlier one was added.
        var hasDuplicate = false
        /// A Bloom filter of the hashes of the keys added (128 bits, one per key), and whether
        /// all of them are ASCII: an ASCII key whose bit is clear has no earlier key of its
        /// hash, so no scan of the earlier keys can find its equal. A top-level mapping has
        /// some 30 keys; scanning them all for each new one was most of the check's cost.
        fileprivate var hashBits: (UInt64, UInt64) = (0, 0)
        fileprivate var allASCII = true
    }

    static let linearLimit = 48

    private var entries: [Entry] = []
    /// Key bytes: `arena[..<arenaCount]` is in use, the rest is room. Written in place and
    /// cut back by count: appending each key went through `append(contentsOf:)`'s general
    /// path, and dropping a mapping's keys through `replaceSubrange`.
    private var arena: [UInt8] = []
    private var arenaCount = 0

    /// Room for a record's keys (its top-level mapping has some 30, of some 400 bytes),
    /// made once rather than grown from empty.
    mutating func reserve() {
        entries.reserveCapacity(64)
        if arena.count < 1024 { arena = [UInt8](repeating: 0, count: 1024) }
    }

    /// Opens a mapping's key list.
    func open() -> Mapping {
        Mapping(start: entries.count, bytesStart: arenaCount)
    }

    /// Closes `mapping`, dropping its keys.
    mutating func close(_ mapping: Mapping) {
        entries.removeSubrange(mapping.start...)
        arenaCount = mapping.bytesStart
    }

    /// Adds scalar key `text` with resolved tag `tag` to `mapping`.
    mutating func addScalar(_ text: KeyText, tag: Int, line: Int, to mapping: inout Mapping) {
        let entry = Entry(
            line: line, tag: tag, shape: -1, start: arenaCount, count: text.bytes.count, hash: text.hash,
            isASCII: text.isASCII)
        let count = text.bytes.count
        if arenaCount + count > arena.count {
            arena.append(contentsOf: repeatElement(0, count: max(arena.count, arenaCount + count - arena.count)))
        }
        if let source = text.bytes.baseAddress {
            let start = arenaCount
            arena.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map { ($0 + start).update(from: source, count: count) }
            }
        }
        arenaCount += count
        add(entry, to: &mapping)
    }

    /// Adds the collection key of shape `shape` to `mapping`.
    mutating func addCollection(shape: Int, line: Int, to mapping: inout Mapping) {
        add(
            Entry(line: line, tag: -1, shape: shape, start: arenaCount, count: 0, hash: 0, isASCII: true), to: &mapping
        )
    }

    private mutating func add(_ entry: Entry, to mapping: inout Mapping) {
        let count = entries.count - mapping.start
        if mapping.large == nil, count >= YAMLKeyStack.linearLimit {
            mapping.large = Set(entries[mapping.start...].map(identity))
        }
        if mapping.large != nil {
            if mapping.large?.insert(identity(entry)).inserted == false { mapping.hasDuplicate = true }
        } else if !mapping.hasDuplicate {
            let bit = UInt64(1) << (entry.hash & 63)
            let isHigh = entry.hash & 64 != 0
            let seen = (isHigh ? mapping.hashBits.1 : mapping.hashBits.0) & bit != 0
            if isHigh { mapping.hashBits.1 |= bit } else { mapping.hashBits.0 |= bit }
            let mayRepeat = seen || !entry.isASCII || !mapping.allASCII
            mapping.allASCII = mapping.allASCII && entry.isASCII
            if mayRepeat {
                for index in mapping.start..<entries.count {
                    let other = entries[index]
                    // ASCII keys with different hashes differ; anything else is compared in full.
                    if other.isASCII && entry.isASCII && other.hash != entry.hash { continue }
                    if equal(other, entry) {
                        mapping.hasDuplicate = true
                        break
                    }
                }
            }
        }
        entries.append(entry)
    }

    private func equal(_ a: Entry, _ b: Entry) -> Bool {
        if a.shape >= 0 || b.shape >= 0 { return a.shape == b.shape }
        guard a.tag == b.tag else { return false }
        if a.isASCII && b.isASCII {
            return a.hash == b.hash && a.count == b.count
                && arena[a.start..<(a.start + a.count)].elementsEqual(arena[b.start..<(b.start + b.count)])
        }
        return text(a) == text(b)
    }

    private func text(_ entry: Entry) -> String {
        String(decoding: arena[entry.start..<(entry.start + entry.count)], as: UTF8.self)
    }

    private func identity(_ entry: Entry) -> Identity {
        entry.shape >= 0 ? .collection(shape: entry.shape) : .scalar(tag: entry.tag, text: text(entry))
    }

    /// The duplicate keys of `mapping`, as Yams reported them: each duplicated key once (its
    /// first occurrence, whose line the diagnostic takes), scalars sorted by text. Yams sorted
    /// collection keys by an order that left them unordered among themselves and scalars, so
    /// that its choice among them followed hash order; here they follow the scalars, in order
    /// of appearance.
    func duplicates(in mapping: Mapping, shapes: YAMLShapes) -> YAMLProblem {
        var firstIndex: [Identity: Int] = [:]
        var repeated: [Int] = []
        for index in mapping.start..<entries.count {
            let key = identity(entries[index])
            if let first = firstIndex[key] {
                if !repeated.contains(first) { repeated.append(first) }
            } else {
                firstIndex[key] = index
            }
        }
        let scalars = repeated.filter { entries[$0].shape < 0 }.map { (index: $0, text: text(entries[$0])) }
            .sorted { ($0.text, $0.index) < ($1.text, $1.index) }
        let collections = repeated.filter { entries[$0].shape >= 0 }
            .map { (index: $0, text: shapes.string(of: entries[$0].shape) ?? "<uncovertable>") }
        let named = scalars + collections
        let line = named.first.map { entries[$0.index].line } ?? 0
        return YAMLProblem(line: line, message: "duplicate key " + named.map { "'\($0.text)'" }.joined(separator: ", "))
    }
}

/// Interned node shapes, for the keys that are collections or aliases and for anchored nodes:
/// two nodes get one id exactly when Yams' `Node` equality held between them (kind, resolved
/// tag, text as Swift strings, items in order). Nothing is interned for a document without
/// anchors and with scalar keys only, which is every PFOCR record.
struct YAMLShapes {
    enum Shape: Hashable {
        case scalar(tag: Int, text: String)
        case sequence(tag: Int, items: [Int])
        /// Keys and values alternate in `items`.
        case mapping(tag: Int, items: [Int])
    }

    /// Resolved tags by id. Ids 0-3 are the tags the reader needs to know.
    struct Tags {
        static let str = 0
        static let seq = 1
        static let map = 2
        /// `!!value`, which Yams' `Node.string` looks for in a mapping key.
        static let value = 3
        /// Made once and shared: a dictionary literal per decoder hashed its four tags for every
        /// record, most of which have no tag at all.
        private static let builtin: [String: Int] = [
            "tag:yaml.org,2002:str": str, "tag:yaml.org,2002:seq": seq, "tag:yaml.org,2002:map": map,
            "tag:yaml.org,2002:value": value,
        ]
        private var ids = Tags.builtin

        /// The id of `explicit`, or of `fallback` (the kind's default tag) when there is none.
        mutating func id(_ explicit: String?, fallback: Int) -> Int {
            guard let explicit else { return fallback }
            if let id = ids[explicit] { return id }
            let id = ids.count
            ids[explicit] = id
            return id
        }
    }

    var tags = Tags()
    private var ids: [Shape: Int] = [:]
    private var shapes: [Shape] = []

    mutating func id(_ shape: Shape) -> Int {
        if let id = ids[shape] { return id }
        let id = shapes.count
        shapes.append(shape)
        ids[shape] = id
        return id
    }

    /// Yams' `Node.string` of a shape: a scalar's text; for a mapping, that of the value of
    /// its first key tagged `!!value`; nil otherwise.
    func string(of id: Int) -> String? {
        switch shapes[id] {
        case .scalar(_, let text):
            return text
        case .mapping(_, let items):
            for pair in stride(from: 0, to: items.count - 1, by: 2) where tag(of: items[pair]) == Tags.value {
                return string(of: items[pair + 1])
            }
            return nil
        case .sequence:
            return nil
        }
    }

    private func tag(of id: Int) -> Int {
        switch shapes[id] {
        case .scalar(let tag, _), .sequence(let tag, _), .mapping(let tag, _): tag
        }
    }
}
