extension Duration {
    /// The duration in seconds, as a `Double` (time limits and elapsed times are seconds).
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
