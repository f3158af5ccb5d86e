/// ISO 8601 / XML Schema dates and date-times checked against the calendar: `2026-02-30`,
/// month 13 or hour 25 are refused, so an `xsd:date` written from one is valid.
public enum CalendarDate {
    public enum Kind: Sendable, Equatable {
        /// `2026-11-26`
        case date
        /// `2026-11-26T10:00:00`, with optional fraction and `Z` or `±hh:mm` zone.
        case dateTime
    }

    /// The kind of `text`; nil when it is neither form or names no real day or time.
    public static func kind(of text: String) -> Kind? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        func byte(_ index: Int, _ char: Character) -> Bool {
            index < bytes.count && bytes[index] == char.asciiValue
        }
        guard bytes.count >= 10, let year = number(0..<4), byte(4, "-"), let month = number(5..<7), byte(7, "-"),
            let day = number(8..<10), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        if bytes.count == 10 { return .date }
        guard byte(10, "T"), let hour = number(11..<13), byte(13, ":"), let minute = number(14..<16), byte(16, ":"),
            let second = number(17..<19), hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var index = 19
        if byte(index, ".") {
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            guard index > start else { return nil }
        }
        if index == bytes.count || (byte(index, "Z") && index + 1 == bytes.count) { return .dateTime }
        guard byte(index, "+") || byte(index, "-"), let zoneHour = number(index + 1..<index + 3), byte(index + 3, ":"),
            let zoneMinute = number(index + 4..<index + 6), index + 6 == bytes.count,
            zoneMinute <= 59, zoneHour * 60 + zoneMinute <= 14 * 60
        else { return nil }
        return .dateTime
    }

    /// Days in `month` (1–12) of the proleptic Gregorian `year`.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
