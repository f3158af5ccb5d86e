import PFOCRGraph

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
        var out = id.namespace == .mesh ? kind.rawValue.lowercased() + "." : ""
        out.append(id.namespace.rawValue)
        out.append(":")
        appendEncoded(id.local, to: &out)
        return out
    }

    /// Appends `text` with every byte outside `[A-Za-z0-9._-]` as `:HH`.
    static func appendEncoded(_ text: String, to out: inout String) {
        if text.utf8.allSatisfy(isPlain) {
            out.append(text)
            return
        }
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        for byte in text.utf8 {
            if isPlain(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out.append(":")
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
            }
        }
    }

    static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
