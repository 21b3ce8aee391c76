extension Duration {
    /// The duration in seconds, as a `Double` (for arithmetic and messages).
    public var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// The duration in whole milliseconds, rounded.
    public var inMilliseconds: Int { Int((inSeconds * 1000).rounded()) }
}
