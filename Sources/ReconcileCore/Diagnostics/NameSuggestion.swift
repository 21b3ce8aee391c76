/// "Did you mean" suggestions: the nearest existing name by edit distance (optimal string alignment,
/// so a swap of two neighbours counts as one edit), when it is near enough to be a plausible typo.
enum NameSuggestion {
    /// The nearest of `candidates` to `name`, or nil when none is within `max(2, length / 3)` edits.
    /// Ties go to the ordinally smallest candidate, so the suggestion is the same on every run.
    static func nearest<S: Sequence>(to name: String, among candidates: S) -> String? where S.Element == String {
        let target = Array(name.unicodeScalars)
        let limit = Swift.max(2, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate.unicodeScalars), limit: limit)
            guard distance <= limit else { continue }
            if let current = best,
                current.distance < distance
                    || (current.distance == distance && !OrdinalOrder.less(candidate, current.name))
            {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// `; did you mean "x"?` or an empty string.
    static func didYouMean<S: Sequence>(_ name: String, among candidates: S) -> String where S.Element == String {
        nearest(to: name, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// Optimal-string-alignment distance; returns `limit + 1` early when the lengths alone exceed `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = Swift.min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
