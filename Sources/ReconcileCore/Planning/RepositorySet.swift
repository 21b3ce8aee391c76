/// A set of repositories of one organization, as bits over the positions of `OrganizationIndex.repositories`.
/// Because those positions are in name order, iterating a set yields repositories in plan order.
struct RepositorySet: Sendable, Hashable {
    private(set) var words: [UInt64]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
    }

    func contains(_ position: Int) -> Bool {
        words[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    mutating func remove(_ position: Int) {
        words[position >> 6] &= ~(1 << UInt64(position & 63))
    }

    mutating func formUnion(_ other: RepositorySet) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    mutating func subtract(_ other: RepositorySet) {
        for index in words.indices { words[index] &= ~other.words[index] }
    }

    func union(_ other: RepositorySet) -> RepositorySet {
        var result = self
        result.formUnion(other)
        return result
    }

    func subtracting(_ other: RepositorySet) -> RepositorySet {
        var result = self
        result.subtract(other)
        return result
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Positions in ascending order (which is name order).
    var positions: [Int] {
        var result: [Int] = []
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                result.append(wordIndex << 6 | bit)
                remaining &= remaining - 1
            }
        }
        return result
    }
}

extension RepositorySet {
    func intersection(_ other: RepositorySet) -> RepositorySet {
        var result = self
        for index in result.words.indices { result.words[index] &= other.words[index] }
        return result
    }
}

extension RepositorySet {
    /// Every position of the organization not in the set.
    var complement: RepositorySet {
        var result = self
        for index in result.words.indices { result.words[index] = ~result.words[index] }
        let spare = result.words.count * 64 - capacity
        if spare > 0, let last = result.words.indices.last { result.words[last] &= UInt64.max >> UInt64(spare) }
        return result
    }
}
