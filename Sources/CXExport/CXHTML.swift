import PFOCRGraph

/// The HTML network attributes of PFOCR's NDEx networks, written as wikipathways/pfocr2ndex
/// writes them (notebooks/update_pfocr.ipynb, "Update properties of remaining networks"),
/// with the text escaped (pfocr2ndex pastes it in as it is, so a `<` in a caption would
/// open a tag).
enum CXHTML {
    /// `description`: the caption as a paragraph, then the figure image at full width:
    /// `<p>caption</p>\n<p><img src="image" style="width: 100%;"></p>`. Either part is left
    /// out when absent; nil when both are.
    static func description(caption: String?, image: String?) -> String? {
        var parts: [String] = []
        if let caption { parts.append("<p>" + escape(caption) + "</p>") }
        if let image { parts.append("<p><img src=\"" + escape(image) + "\" style=\"width: 100%;\"></p>") }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    /// `reference`: the reference text, the paper title in bold, and a link to the paper that
    /// opens in a new tab: `reftext <b>title</b> <a href="link" target="_blank">link</a>`.
    /// Absent parts are left out; nil when all are.
    static func reference(text: String?, title: String?, link: String?) -> String? {
        var parts: [String] = []
        if let text { parts.append(escape(text)) }
        if let title { parts.append("<b>" + escape(title) + "</b>") }
        if let link {
            let escaped = escape(link)
            parts.append("<a href=\"" + escaped + "\" target=\"_blank\">" + escaped + "</a>")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// Text safe in HTML content and in a double-quoted attribute: `&`, `<`, `>`, `"` as
    /// character references.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var out = String()
        out.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
