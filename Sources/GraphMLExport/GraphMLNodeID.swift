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

    /// Appends the id of node `kind`/`id`. Its bytes are all name-token characters, so it
    /// goes into an attribute as it is: XML escaping would change nothing.
    static func append(_ kind: NodeKind, _ id: Identifier, to out: inout [UInt8]) {
        if id.namespace == .mesh {
            out.append(utf8: kind.rawValue.lowercased())
            out.append(UInt8(ascii: "."))
        }
        out.append(utf8: id.namespace.rawValue)
        out.append(UInt8(ascii: ":"))
        var local = id.local
        local.withUTF8 { bytes in
            // A run of plain bytes is copied whole; ids are almost always one run.
            var start = 0
            for index in bytes.indices where !isPlain(bytes[index]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(UInt8(ascii: ":"))
                out.append(Hex.upper(bytes[index] >> 4))
                out.append(Hex.upper(bytes[index] & 0x0F))
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// A byte an id keeps as it is (``NameBytes``); the others are written `:XX`.
    @inline(__always)
    static func isPlain(_ byte: UInt8) -> Bool { NameBytes.isNameByte(byte) }
}
