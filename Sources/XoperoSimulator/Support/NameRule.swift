/// A name rule of a plan with `selection: "rules"`: `*` matches any run of characters (none too), `?`
/// exactly one, anything else itself; the whole name must match, ignoring case
/// (`XoperoAssumptions.ruleGlobsIgnoreCase`).
struct NameRule: Sendable, Hashable {
    private let pattern: [Character]

    init(_ text: String) {
        pattern = Array(text.lowercased())
    }

    /// Whether `name` matches. Greedy with one backtracking point, so the time is at most
    /// proportional to the name's length times the pattern's, whatever the input.
    func matches(_ name: String) -> Bool {
        let text = Array(name.lowercased())
        var textIndex = 0
        var patternIndex = 0
        var lastStar: Int?
        var starText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                lastStar = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if patternIndex < pattern.count,
                pattern[patternIndex] == "?" || pattern[patternIndex] == text[textIndex]
            {
                textIndex += 1
                patternIndex += 1
            } else if let star = lastStar {
                patternIndex = star + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }
}
