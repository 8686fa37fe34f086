"""The benchmark's arithmetic: percentiles are times that happened, summaries are honest."""
from benchmarks.stats import percentile, summarise


def test_the_95th_percentile_of_twenty_runs_is_the_nineteenth_slowest():
    runs = [float(n) for n in range(1, 21)]
    assert percentile(runs, 0.95) == 19.0


def test_a_percentile_is_always_one_of_the_measured_times():
    runs = [3.0, 1.0, 7.5, 2.2, 9.9, 4.1, 6.0]
    for fraction in (0.01, 0.5, 0.9, 0.95, 1.0):
        assert percentile(runs, fraction) in runs


def test_a_summary_gives_median_and_p95_and_nothing_when_nothing_ran():
    summary = summarise([10.0, 20.0, 30.0, 40.0])
    assert summary["n"] == 4 and summary["median"] == 25.0 and summary["p95"] == 40.0
    assert summarise([]) == {"n": 0}
