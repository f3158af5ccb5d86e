import PFOCRGraph
import PFOCRRecords

/// GraphML node ids: XML name tokens (`xs:NMTOKEN`) derived from node identifiers.
///
/// The id is `<namespace>:<local>` with the namespace's internal name (`ncbigene:2915`,
/// `figure:PMC3246694__nihms-340346-f0001`), so ids do not change with the prefix set; the
/// prefix set's CURIE and IRI are written as `curie` and `iri` data. The local id keeps ASCII
/// letters, digits, `.`, `_` and `-`; every other UTF-8 byte (spaces, `/`, `#`, `:`, non-ASCII)
/// becomes `:` and two upper-case hex digits. A plain id therefore has exactly one `:` and an
/// encoded one at least two, so the encoding is one-to-one and `figure:PMC1__fig:201` is the
/// figure whose figid is `PMC1__fig 1`.
///
/// MeSH ids name both chemicals and diseases, and one MeSH id can be a Chemical node and a
/// Disease node of the graph: their ids carry the kind before the namespace
/// (`chemical.mesh:D000255`, `disease.mesh:D009369`), so node ids stay unique (the XSD's
/// `node_id_key`) without any state. No namespace name contains a `.`, so these never
/// collide with the other ids.
enum GraphMLNodeID {
    static func make(_ kind: NodeKind, _ id: Identifier) -> String {
        var out: [UInt8] = []
        append(kind, id, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// What the id of node `kind` in `namespace` starts with: `ncbigene:`, `chemical.mesh:`.
    static func prefix(_ kind: NodeKind, _ namespace: Namespace) -> String {
        (namespace == .mesh ? kind.rawValue.lowercased() + "." : "") + namespace.rawValue + ":"
    }

    /// Appends the id of node `kind`/`id`. Its bytes are all name-token characters, so it
    /// goes into an attribute as it is: XML escaping would change nothing.
    static func append(_ kind: NodeKind, _ id: Identifier, to out: inout [UInt8]) {
        var buffer = ByteBuffer()
        buffer.append(utf8: prefix(kind, id.namespace))
        let plain = (0...255).map { isPlain(UInt8($0)) }
        plain.withUnsafeBufferPointer { appendLocal(id.local, plain: $0, to: &buffer) }
        out.append(contentsOf: buffer.bytes)
    }

    /// Appends the encoded `local` part of an id (after its ``prefix(_:_:)``); `plain` is
    /// ``isPlain(_:)`` of every byte value, looked up in place of the test's comparisons.
    @inline(__always)
    static func appendLocal(_ local: String, plain: UnsafeBufferPointer<Bool>, to out: inout ByteBuffer) {
        withUTF8Bytes(of: local) { bytes in
            guard let base = bytes.baseAddress else { return }
            // A run of plain bytes is copied whole; ids are almost always one run.
            var start = 0
            for index in 0..<bytes.count where !plain[Int(base[index])] {
                out.append(UnsafeBufferPointer(start: base + start, count: index - start))
                out.append(UInt8(ascii: ":"))
                out.append(Hex.upper(base[index] >> 4))
                out.append(Hex.upper(base[index] & 0x0F))
                start = index + 1
            }
            out.append(UnsafeBufferPointer(start: base + start, count: bytes.count - start))
        }
    }

    /// A byte an id keeps as it is (``NameBytes``); the others are written `:XX`.
    @inline(__always)
    static func isPlain(_ byte: UInt8) -> Bool { NameBytes.isNameByte(byte) }
}
