import PFOCRGraph
import PFOCRRecords

/// The HTML network attributes of PFOCR's NDEx networks, written as wikipathways/pfocr2ndex
/// writes them (notebooks/update_pfocr.ipynb, "Update properties of remaining networks"),
/// with the text escaped (pfocr2ndex pastes it in as it is, so a `<` in a caption would
/// open a tag).
///
/// Each text is put together as UTF-8 bytes in one buffer and made a `String` once: every
/// figure network has a `description` holding the whole caption, and building it from
/// `String` pieces scalar by scalar cost more than writing the rest of the network's
/// attributes. Every character escaped is ASCII, so escaping bytes gives the same text as
/// escaping scalars.
enum CXHTML {
    /// `description`: the caption as a paragraph, then the figure image at full width:
    /// `<p>caption</p>\n<p><img src="image" style="width: 100%;"></p>`. Either part is left
    /// out when absent; nil when both are.
    static func description(caption: String?, image: String?) -> String? {
        descriptionBytes(caption: caption, image: image).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``description(caption:image:)`` as UTF-8, for a writer that escapes it for JSON at once.
    static func descriptionBytes(caption: String?, image: String?) -> [UInt8]? {
        guard caption != nil || image != nil else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((caption?.utf8.count ?? 0) + (image?.utf8.count ?? 0) + 64)
        if let caption {
            out.append("<p>")
            appendEscaped(caption, to: &out)
            out.append("</p>")
        }
        if let image {
            if caption != nil { out.append("\n") }
            out.append("<p><img src=\"")
            appendEscaped(image, to: &out)
            out.append("\" style=\"width: 100%;\"></p>")
        }
        return out
    }

    /// `reference`: the reference text, the paper title in bold, and a link to the paper that
    /// opens in a new tab: `reftext <b>title</b> <a href="link" target="_blank">link</a>`.
    /// Absent parts are left out; nil when all are.
    static func reference(text: String?, title: String?, link: String?) -> String? {
        referenceBytes(text: text, title: title, link: link).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``reference(text:title:link:)`` as UTF-8, for a writer that escapes it for JSON at once.
    static func referenceBytes(text: String?, title: String?, link: String?) -> [UInt8]? {
        guard text != nil || title != nil || link != nil else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(
            (text?.utf8.count ?? 0) + (title?.utf8.count ?? 0) + 2 * (link?.utf8.count ?? 0) + 64)
        if let text { appendEscaped(text, to: &out) }
        if let title {
            if text != nil { out.append(" ") }
            out.append("<b>")
            appendEscaped(title, to: &out)
            out.append("</b>")
        }
        if let link {
            if text != nil || title != nil { out.append(" ") }
            out.append("<a href=\"")
            appendEscaped(link, to: &out)
            out.append("\" target=\"_blank\">")
            appendEscaped(link, to: &out)
            out.append("</a>")
        }
        return out
    }

    /// Text safe in HTML content and in a double-quoted attribute: `&`, `<`, `>`, `"` as
    /// character references.
    static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``escape(_:)`` of `text` as UTF-8: runs without `&<>"` (found eight bytes at a
    /// time: a caption is a paragraph of text) are copied whole.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var start = 0
            var index = 0
            while index < count {
                if index + 8 <= count {
                    let word = ByteWord.load(base, at: index)
                    if !(ByteWord.hasByte(UInt8(ascii: "&"), in: word) || ByteWord.hasByte(UInt8(ascii: "<"), in: word)
                        || ByteWord.hasByte(UInt8(ascii: ">"), in: word)
                        || ByteWord.hasByte(UInt8(ascii: "\""), in: word))
                    {
                        index += 8
                        continue
                    }
                }
                let reference: StaticString
                switch base[index] {
                case UInt8(ascii: "&"): reference = "&amp;"
                case UInt8(ascii: "<"): reference = "&lt;"
                case UInt8(ascii: ">"): reference = "&gt;"
                case UInt8(ascii: "\""): reference = "&quot;"
                default:
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                out.append(reference)
                index += 1
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
        }
    }
}
