"""The towns the demo's programmes name, for a registry sample (`tests.registry.datasets.write_sample`)."""

DEMO_TOWN_NAMES = {
    "Hamburg", "Schwerin", "Rostock", "Darmstadt", "Dortmund", "Halle (Saale)", "Heidelberg", "Leipzig",
    "Magdeburg", "Mainz", "Stuttgart", "Wittenberge", "Mölln", "Dießen am Ammersee", "Oestrich-Winkel",
    "Dippoldiswalde", "Berlin", "Philadelphia", "Trenton", "Princeton", "Newark", "Jersey City", "New York",
    "Charlotte", "Knoxville", "Nashville",
}  # fmt: skip
