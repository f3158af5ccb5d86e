/// Byte strings spelled once (predicates, classes, the fixed parts of node IRIs) that every
/// writer reads for every triple. Each is handed out as an `UnsafeBufferPointer` into memory
/// the table allocates in `init` and frees in `deinit`, never changing in between: reading one
/// costs no reference counting, where indexing an array of arrays retains and releases the
/// element around each append (measured: a third of the RDF render time).
///
/// Equal strings share one buffer, so two non-empty entries are spelled the same exactly when
/// their buffers start at the same address (what Turtle's `,` joining compares).
///
/// Whoever keeps a buffer must keep the table: ``RDFNamer`` and ``RDFSpelling`` own theirs,
/// and a ``TripleWriter`` holds its spelling.
final class ByteTable: @unchecked Sendable {
    /// The strings, in the order given.
    let entries: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>
    private let storage: UnsafeMutableBufferPointer<UInt8>
    private let table: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>

    init(_ strings: [[UInt8]]) {
        storage = .allocate(capacity: max(1, strings.reduce(0) { $0 + $1.count }))
        table = .allocate(capacity: max(1, strings.count))
        var offset = 0
        var stored: [[UInt8]: UnsafeBufferPointer<UInt8>] = [:]
        for (index, string) in strings.enumerated() {
            if let earlier = stored[string] {
                table.initializeElement(at: index, to: earlier)
                continue
            }
            let slice = UnsafeMutableBufferPointer(rebasing: storage[offset..<offset + string.count])
            _ = slice.initialize(from: string)
            table.initializeElement(at: index, to: UnsafeBufferPointer(slice))
            stored[string] = UnsafeBufferPointer(slice)
            offset += string.count
        }
        entries = UnsafeBufferPointer(rebasing: table[0..<strings.count])
    }

    deinit {
        storage.deallocate()
        table.deallocate()
    }
}
