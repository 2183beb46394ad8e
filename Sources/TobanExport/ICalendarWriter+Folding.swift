/// The text rules of RFC 5545 section 3.1 and 3.3.11: escaping TEXT values and folding lines.
extension ICalendarWriter {
    /// The longest content line in octets, without its CRLF (RFC 5545 section 3.1).
    public static let maximumLineOctets = 75

    /// Escapes a TEXT value: backslash, semicolon and comma get a backslash, and line breaks
    /// (CRLF, LF or CR) become `\n`.
    ///
    /// Other control characters are not allowed in TEXT and are dropped; a tab is kept.
    public static func escapeText(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }  // The CR of a CRLF already wrote it.
            case "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7f: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds one content line into physical lines of at most ``maximumLineOctets`` octets,
    /// joined by CRLF and a space.
    ///
    /// The space that starts a continuation line counts towards its 75 octets. Breaks fall
    /// only between Unicode scalars, so a multi-byte UTF-8 character is never split; a
    /// combining mark may land at the start of a continuation line, which unfolding undoes.
    /// A backslash escape (`\n`, `\,`) is kept on one line: RFC 5545 would allow the break,
    /// but some lenient parsers read escapes before unfolding.
    public static func fold(_ line: String) -> String {
        var out = ""
        var used = 0
        var scalars = line.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            var unit = [scalar]
            if scalar == "\\", let escaped = scalars.next() { unit.append(escaped) }
            let size = unit.reduce(0) { $0 + UTF8.width($1) }
            if used + size > maximumLineOctets && used > 1 {
                out += "\r\n "
                used = 1
            }
            out.unicodeScalars.append(contentsOf: unit)
            used += size
        }
        return out
    }
}
