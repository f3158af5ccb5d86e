/// The spellings PFOCR uses for "no value".
///
/// `''` and `.na.character` (R's NA leaked into YAML) mean missing anywhere. `NA` means missing
/// only in identifier and name columns and in organism lists: it is also a real OCR word
/// (the fly gene `na`), so a `word` of `NA` is kept.
enum MissingValue {
    /// Missing anywhere: empty (after trimming) or `.na.character`.
    static func isMissing(_ text: String) -> Bool {
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed.isEmpty || trimmed == ".na.character"
    }

    /// Missing in identifier, name and organism positions: also `NA`.
    static func isMissingIdentifier(_ text: String) -> Bool {
        isMissing(text) || text.trimmingASCIIWhitespace() == "NA"
    }

    /// `text`, or nil when it is missing anywhere.
    static func text(_ text: String) -> String? {
        isMissing(text) ? nil : text
    }

    /// `text` trimmed, or nil when it is a missing identifier or name.
    static func identifier(_ text: String) -> String? {
        isMissingIdentifier(text) ? nil : text.trimmingASCIIWhitespace()
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs, CR and LF.
    func trimmingASCIIWhitespace() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
        guard let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == utf8.startIndex && utf8.index(after: last) == utf8.endIndex { return self }
        return String(self[first...last])
    }
}
