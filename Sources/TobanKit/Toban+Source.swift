extension Toban {
    /// Loads and validates a scenario file and keeps its source text (and the text of the
    /// holiday file it names), so that `report.json` can embed it and `toban export` can
    /// load the very same scenario again later.
    public static func loadScenarioSource(path: String) throws(ScenarioError) -> (scenario: Scenario, source: ScenarioSource) {
        try ScenarioLoader.loadSource(path: path)
    }
}
